package dev.ecslabs.emulator.protocol;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials of role sessions (STS AssumeRole), by access key id: a call signed with
 * one is the role's session, in the role's account. Kept in memory for the JVM: a session is an hour
 * of credentials, not a resource, and an SDK gets new ones when they are gone. The emulator does not
 * check signatures, so it does not check expiry either.
 */
public final class SessionCredentials {
    private static final Map<String, Session> BY_ACCESS_KEY = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private SessionCredentials() {
    }

    /** A session of {@code roleArn} named {@code sessionName}; {@code roleId} is the role's AROA id. */
    public record Session(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                          String roleArn, String roleId, String sessionName, Instant expiration) {
        /** {@code arn:aws:sts::<account>:assumed-role/<role name>/<session>}. */
        public String arn() {
            return "arn:aws:sts::" + accountId + ":assumed-role/" + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/"
                    + sessionName;
        }

        public String roleName() {
            return roleArn.substring(roleArn.lastIndexOf('/') + 1);
        }
    }

    public static Session issue(String accountId, String roleArn, String roleId, String sessionName, Instant expiration) {
        StringBuilder key = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            key.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
        }
        Session session = new Session(key.toString(), random(30), random(96), accountId, roleArn, roleId, sessionName,
                expiration);
        BY_ACCESS_KEY.put(session.accessKeyId(), session);
        return session;
    }

    public static Optional<Session> find(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(BY_ACCESS_KEY.get(accessKeyId));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
