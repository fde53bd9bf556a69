package dev.ecslabs.emulator.ecr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry passwords GetAuthorizationToken hands out, and the presigned layer download URLs:
 * each is a small payload (account, region, expiry on the emulator's clock) signed with a key
 * that lives as long as this emulator. The registry checks the signature and the expiry, and
 * takes the account and region from the payload, so no token needs to be remembered.
 */
public final class AuthorizationTokens {
    /** ECR's tokens are valid for 12 hours (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html). */
    public static final Duration VALIDITY = Duration.ofHours(12);
    /** How long a GetDownloadUrlForLayer URL works, like the presigned S3 URL ECR hands out. */
    public static final Duration DOWNLOAD_URL_VALIDITY = Duration.ofHours(1);
    public static final String USERNAME = "AWS";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public AuthorizationTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Who a valid registry password was issued to. */
    public record Holder(String accountId, String region, Instant expiresAt) {
    }

    /** A layer a valid download URL lets anyone read until it expires. */
    public record Download(String accountId, String region, String repositoryName, String digest) {
    }

    /** A registry password for the account and region, valid until {@code expiresAt}. */
    public String password(String accountId, String region, Instant expiresAt) {
        return sign(String.join("|", "registry", accountId, region, String.valueOf(expiresAt.getEpochSecond())));
    }

    /** The {@code authorizationToken} ECR returns: base64 of {@code AWS:<password>}. */
    public static String authorizationToken(String password) {
        return Base64.getEncoder().encodeToString((USERNAME + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The holder of a password this emulator issued and that has not expired at {@code now}. */
    public Optional<Holder> verifyPassword(String password, Instant now) {
        return verify(password).filter(p -> p.length == 4 && p[0].equals("registry"))
                .map(p -> new Holder(p[1], p[2], Instant.ofEpochSecond(Long.parseLong(p[3]))))
                .filter(holder -> now.isBefore(holder.expiresAt()));
    }

    public String downloadToken(String accountId, String region, String repositoryName, String digest, Instant expiresAt) {
        return sign(String.join("|", "layer", accountId, region, repositoryName, digest,
                String.valueOf(expiresAt.getEpochSecond())));
    }

    public Optional<Download> verifyDownload(String token, Instant now) {
        return verify(token).filter(p -> p.length == 6 && p[0].equals("layer"))
                .filter(p -> now.isBefore(Instant.ofEpochSecond(Long.parseLong(p[5]))))
                .map(p -> new Download(p[1], p[2], p[3], p[4]));
    }

    private String sign(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
    }

    private Optional<String[]> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64_DECODER.decode(token.substring(0, dot));
            byte[] signature = B64_DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
            Long.parseLong(parts[parts.length - 1]);
            return Optional.of(parts);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
