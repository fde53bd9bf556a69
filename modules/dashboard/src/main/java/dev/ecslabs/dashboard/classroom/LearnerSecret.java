package dev.ecslabs.dashboard.classroom;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret a learner's tool makes when it first joins a classroom and sends with every result:
 * the classroom writes a learner's progress only for the holder of that learner's secret. Made by
 * the tool, not handed out, so that a join whose answer got lost can simply be sent again.
 */
public final class LearnerSecret {
    /** 32 random bytes in unpadded base64url. */
    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LearnerSecret() {
    }

    public static String create() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
