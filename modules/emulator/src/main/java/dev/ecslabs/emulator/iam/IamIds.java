package dev.ecslabs.emulator.iam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * IAM's unique ids (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids):
 * a four-letter prefix for the kind ({@code AROA} a role, {@code ANPA} a managed policy, {@code ASIA}
 * temporary credentials) and 17 upper-case letters and digits; and the URL encoding IAM gives the
 * policy documents it returns.
 */
public final class IamIds {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private IamIds() {
    }

    public static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * A policy document as IAM returns it: "URL-encoded compliant with RFC 3986"
     * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html); decode it with
     * {@code URLDecoder.decode(document, UTF_8)}.
     */
    public static String encodeDocument(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
