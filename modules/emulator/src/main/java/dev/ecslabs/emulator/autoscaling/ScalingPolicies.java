package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.state.KeyedArea;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;

/** The scaling policies of one account and region, by scalable target and policy name; found by ARN too. */
public final class ScalingPolicies extends KeyedArea<PolicyRecord> {
    private ScalingPolicies(AccountRegion region) {
        super(region, PolicyRecord.class);
    }

    public static ScalingPolicies of(AccountRegion region) {
        return region.area(ScalingPolicies.class, ScalingPolicies::new);
    }

    static String key(String targetKey, String policyName) {
        return targetKey + "|" + policyName;
    }

    static String keyOf(PolicyRecord record) {
        var policy = record.policy();
        return key(ScalableTargets.key(policy.serviceNamespaceAsString(), policy.resourceId(), policy.scalableDimensionAsString()),
                policy.policyName());
    }

    Optional<PolicyRecord> find(String targetKey, String policyName) {
        return get(key(targetKey, policyName));
    }

    Optional<PolicyRecord> byArn(String arn) {
        return values().stream().filter(record -> record.policy().policyARN().equals(arn)).findFirst();
    }

    void put(PolicyRecord record) {
        put(keyOf(record), record);
    }

    void remove(PolicyRecord record) {
        remove(keyOf(record));
    }

    public List<PolicyRecord> all() {
        return values();
    }
}
