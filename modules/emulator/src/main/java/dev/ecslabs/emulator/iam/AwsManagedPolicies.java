package dev.ecslabs.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies the emulator knows (every account sees them, none can change them), read
 * once from {@code aws-managed-policies.json}, which names the page of AWS's documentation each
 * document comes from.
 */
public final class AwsManagedPolicies {
    /** An AWS managed policy: {@code arn:aws:iam::aws:policy<path><name>}. */
    public record ManagedPolicy(String arn, String name, String path, String description, String defaultVersionId,
                                Instant createDate, Instant updateDate, PolicyDocument document) {
    }

    private static final Map<String, ManagedPolicy> BY_ARN = load();

    private AwsManagedPolicies() {
    }

    public static Optional<ManagedPolicy> find(String arn) {
        return Optional.ofNullable(BY_ARN.get(arn));
    }

    public static Collection<ManagedPolicy> all() {
        return BY_ARN.values();
    }

    /** Whether an ARN names an AWS managed policy ({@code arn:aws:iam::aws:policy/…}), known here or not. */
    public static boolean isAwsManaged(String arn) {
        return arn.startsWith("arn:aws:iam::aws:policy/");
    }

    private static Map<String, ManagedPolicy> load() {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("aws-managed-policies.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
            for (JsonNode node : root.get("policies")) {
                String name = node.get("name").asText();
                String path = node.get("path").asText();
                String arn = "arn:aws:iam::aws:policy" + path + name;
                policies.put(arn, new ManagedPolicy(arn, name, path, node.get("description").asText(),
                        node.get("defaultVersionId").asText(), Instant.parse(node.get("createDate").asText()),
                        Instant.parse(node.get("updateDate").asText()),
                        PolicyDocument.parse(node.get("document").toString(), PolicyDocument.Kind.PERMISSIONS)));
            }
            return Map.copyOf(policies);
        } catch (IOException e) {
            throw new UncheckedIOException("aws-managed-policies.json could not be read", e);
        }
    }
}
