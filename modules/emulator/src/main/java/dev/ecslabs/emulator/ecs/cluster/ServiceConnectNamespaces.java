package dev.ecslabs.emulator.ecs.cluster;

import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Finds, or creates, the Cloud Map namespace that a cluster's {@code serviceConnectDefaults}
 * names, and answers its ARN. AWS creates an HTTP namespace when the name is new.
 */
@FunctionalInterface
public interface ServiceConnectNamespaces {

    String namespaceArn(RequestContext context, String nameOrArn);

    /**
     * Until Cloud Map is wired in, a name is recorded as the ARN of a namespace id derived from it;
     * an ARN is kept as given.
     */
    ServiceConnectNamespaces RECORD_ONLY = (context, nameOrArn) -> {
        if (Arns.looksLikeArn(nameOrArn)) {
            return nameOrArn;
        }
        return Arns.of(context, "servicediscovery", "namespace/ns-" + idFor(context.accountId() + context.region() + nameOrArn));
    };

    private static String idFor(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                id.append("abcdefghijklmnopqrstuvwxyz234567".charAt((hash[i] & 0xff) % 32));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
