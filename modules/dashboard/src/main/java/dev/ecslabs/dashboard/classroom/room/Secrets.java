package dev.ecslabs.dashboard.classroom.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The classroom's side of secrets: join codes, and learners' secrets kept only as their SHA-256,
 * so that the classroom's saved file lets nobody write as a learner. Comparisons take the same
 * time whatever matches.
 */
final class Secrets {
    /** Letters and digits that read unambiguously from a projector: no 0/O, 1/I/L. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new six-character join code. */
    static String newJoinCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** Whether a join code typed by the instructor can be read out: 4 to 32 letters and digits. */
    static String checkJoinCode(String code) {
        if (code == null || !code.matches("[A-Za-z0-9]{4,32}")) {
            throw new IllegalArgumentException("A join code is 4 to 32 letters and digits, not '" + code + "'.");
        }
        return code.toUpperCase(java.util.Locale.ROOT);
    }

    static boolean codeMatches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.trim().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    static boolean hashMatches(String hash, String secret) {
        return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), hash(secret).getBytes(StandardCharsets.US_ASCII));
    }

    /** A 12-digit AWS account id for a learner on the room's shared emulator; hard to guess, so hard to stumble into. */
    static String newAccountId() {
        return String.valueOf(100_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 900_000_000_000L);
    }
}
