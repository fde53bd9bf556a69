package dev.ecslabs.emulator.elb;

import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** One listener rule as DescribeRules writes it, with its tags. */
public record RuleRecord(Rule rule, List<Tag> tags) {
    public RuleRecord {
        tags = List.copyOf(tags);
    }

    public String arn() {
        return rule.ruleArn();
    }

    /** The rule's priority as a number; the default rule ("default") comes after every other. */
    public int order() {
        return Boolean.TRUE.equals(rule.isDefault()) ? Integer.MAX_VALUE : Integer.parseInt(rule.priority());
    }
}
