package dev.ecslabs.emulator.cloudmap;

import java.security.SecureRandom;

/**
 * Identifiers shaped like Cloud Map's own: {@code ns-} and {@code srv-} with sixteen base32
 * characters, operation ids such as {@code igbkufld72o4vbsbwejfi6eyinfprhc3-jkwmz00b}, and Route 53
 * hosted zone ids such as {@code Z0123456789ABCDEFGHIJ}.
 */
final class CloudMapIds {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CloudMapIds() {
    }

    static String namespaceId() {
        return "ns-" + random(BASE32, 16);
    }

    static String serviceId() {
        return "srv-" + random(BASE32, 16);
    }

    static String operationId() {
        return random(BASE32, 32) + "-" + random(LOWER_ALNUM, 8);
    }

    static String hostedZoneId() {
        return "Z0" + random(UPPER_ALNUM, 19);
    }

    private static String random(String alphabet, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
