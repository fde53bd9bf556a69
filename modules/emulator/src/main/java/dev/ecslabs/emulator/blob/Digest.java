package dev.ecslabs.emulator.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest as registries name blobs and manifests: {@code sha256:} and 64 lowercase hex
 * digits. Every digest that reaches the blob store went through {@link #parse}, so a name from a
 * request can never carry a path separator or anything else into a storage key or file name.
 */
public record Digest(String hex) implements Comparable<Digest> {
    public static final String ALGORITHM = "sha256";
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    public Digest {
        if (hex == null || hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("A sha256 digest has 64 lowercase hex digits");
        }
    }

    /** The digest a text names, if it is a well-formed sha256 digest (the only algorithm ECR accepts). */
    public static Optional<Digest> parse(String text) {
        if (text == null || !SHA256.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Digest(text.substring(ALGORITHM.length() + 1)));
    }

    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
    }

    public static Digest of(MessageDigest finished) {
        return new Digest(HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return ALGORITHM + ":" + hex;
    }
}
