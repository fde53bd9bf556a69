package dev.ecslabs.emulator.elb;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * One target group as DescribeTargetGroups writes it (its {@code LoadBalancerArns} are filled in
 * when described, from the listeners and rules that forward to it), with its attributes, tags and
 * registered targets: what is saved of it.
 */
public record TargetGroupRecord(TargetGroup targetGroup, Map<String, String> attributes, List<Tag> tags,
                                List<RegisteredTarget> targets) {
    public TargetGroupRecord {
        attributes = new TreeMap<>(attributes);
        tags = List.copyOf(tags);
        targets = List.copyOf(targets);
    }

    public String arn() {
        return targetGroup.targetGroupArn();
    }

    public String name() {
        return targetGroup.targetGroupName();
    }

    /** The {@code deregistration_delay.timeout_seconds} attribute: how long a deregistered target drains. */
    public int deregistrationDelaySeconds() {
        return Integer.parseInt(attributes.getOrDefault("deregistration_delay.timeout_seconds", "300"));
    }

    TargetGroupRecord with(TargetGroup changed) {
        return new TargetGroupRecord(changed, attributes, tags, targets);
    }

    TargetGroupRecord withAttributes(Map<String, String> changed) {
        return new TargetGroupRecord(targetGroup, changed, tags, targets);
    }

    TargetGroupRecord withTags(List<Tag> changed) {
        return new TargetGroupRecord(targetGroup, attributes, changed, targets);
    }

    TargetGroupRecord withTargets(List<RegisteredTarget> changed) {
        return new TargetGroupRecord(targetGroup, attributes, tags, changed);
    }
}
