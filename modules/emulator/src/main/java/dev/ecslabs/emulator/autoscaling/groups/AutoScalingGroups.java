package dev.ecslabs.emulator.autoscaling.groups;

import dev.ecslabs.emulator.state.KeyedArea;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;

/** The EC2 Auto Scaling groups of one account and region, by name; journaled group by group. */
public final class AutoScalingGroups extends KeyedArea<AutoScalingGroupRecord> {
    private AutoScalingGroups(AccountRegion region) {
        super(region, AutoScalingGroupRecord.class);
    }

    public static AutoScalingGroups of(AccountRegion region) {
        return region.area(AutoScalingGroups.class, AutoScalingGroups::new);
    }

    /** The group a name or ARN names (ECS's capacity providers take either). */
    public Optional<AutoScalingGroupRecord> find(String nameOrArn) {
        if (nameOrArn == null) {
            return Optional.empty();
        }
        if (nameOrArn.startsWith("arn:")) {
            return values().stream().filter(g -> g.arn().equals(nameOrArn)).findFirst();
        }
        return get(nameOrArn);
    }

    /** The group, or EC2 Auto Scaling's ValidationError for a name it does not know. */
    public AutoScalingGroupRecord require(String nameOrArn) {
        return find(nameOrArn).orElseThrow(() -> new AwsException(AutoScalingGroupErrors.VALIDATION,
                "AutoScalingGroup name not found - AutoScalingGroup '" + nameOrArn + "' not found. "
                        + "DescribeAutoScalingGroups lists the groups of this account and region."));
    }

    /** The group holding this EC2 instance. */
    public Optional<AutoScalingGroupRecord> holding(String instanceId) {
        return values().stream().filter(g -> g.group().instances().stream().anyMatch(i -> i.instanceId().equals(instanceId)))
                .findFirst();
    }

    public List<AutoScalingGroupRecord> all() {
        return values();
    }

    void put(AutoScalingGroupRecord record) {
        put(record.name(), record);
    }

    void delete(String name) {
        remove(name);
    }
}
