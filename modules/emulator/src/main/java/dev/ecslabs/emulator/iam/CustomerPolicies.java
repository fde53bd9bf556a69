package dev.ecslabs.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * The customer managed policies of one account (kept, like roles, in its global IAM state), by ARN,
 * each with its versions (documents as written, not URL-encoded).
 */
public final class CustomerPolicies implements ResourceArea {
    /** A customer managed policy and its versions, the default one marked. */
    public record CustomerPolicy(Policy policy, List<PolicyVersion> versions) {
        public CustomerPolicy {
            versions = List.copyOf(versions);
        }

        public Optional<PolicyVersion> version(String versionId) {
            return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
        }

        public PolicyVersion defaultVersion() {
            return version(policy.defaultVersionId()).orElseThrow();
        }
    }

    private final AccountRegion region;
    private final Map<String, CustomerPolicy> byArn = new LinkedHashMap<>();

    private CustomerPolicies(AccountRegion region) {
        this.region = region;
    }

    public static CustomerPolicies of(AccountRegion region) {
        return region.area(CustomerPolicies.class, CustomerPolicies::new);
    }

    public Optional<CustomerPolicy> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** A customer policy of the same name, whatever its path: names are unique in an account. */
    public Optional<CustomerPolicy> findByName(String name) {
        return byArn.values().stream().filter(p -> p.policy().policyName().equalsIgnoreCase(name)).findFirst();
    }

    public void put(CustomerPolicy policy) {
        byArn.put(policy.policy().arn(), policy);
        region.changed(CustomerPolicies.class, policy.policy().arn());
    }

    public void remove(String arn) {
        if (byArn.remove(arn) != null) {
            region.changed(CustomerPolicies.class, arn);
        }
    }

    public List<CustomerPolicy> all() {
        List<CustomerPolicy> all = new ArrayList<>(byArn.values());
        all.sort(Comparator.comparing(p -> p.policy().arn()));
        return all;
    }

    @Override
    public JsonNode snapshot() {
        ArrayNode all = SavedStateJson.MAPPER.createArrayNode();
        byArn.values().forEach(p -> all.add(write(p)));
        return all;
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (JsonNode node : snapshot) {
            CustomerPolicy policy = read(node);
            byArn.put(policy.policy().arn(), policy);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String arn) {
        return Optional.ofNullable(byArn.get(arn)).map(CustomerPolicies::write);
    }

    @Override
    public void restoreResource(String arn, JsonNode json) {
        if (json == null) {
            byArn.remove(arn);
        } else {
            CustomerPolicy policy = read(json);
            byArn.put(policy.policy().arn(), policy);
        }
    }

    private static JsonNode write(CustomerPolicy policy) {
        ObjectNode node = SavedStateJson.MAPPER.createObjectNode();
        node.set("policy", SavedStateJson.write(policy.policy()));
        node.set("versions", SavedStateJson.write(policy.versions()));
        return node;
    }

    private static CustomerPolicy read(JsonNode node) {
        Policy policy = SavedStateJson.read(node.get("policy"), Policy.class);
        if (policy == null || policy.arn() == null) {
            throw new IllegalArgumentException("a saved IAM policy lacks its ARN: " + node);
        }
        List<PolicyVersion> versions = new ArrayList<>();
        for (JsonNode version : node.path("versions")) {
            versions.add(SavedStateJson.read(version, PolicyVersion.class));
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a saved IAM policy has no version: " + policy.arn());
        }
        return new CustomerPolicy(policy, versions);
    }
}
