package dev.ecslabs.emulator.elb;

import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * One listener as DescribeListeners writes it, with its tags and its rules (the default rule
 * first, the others by priority): what is saved of it.
 */
public record ListenerRecord(Listener listener, List<Tag> tags, List<RuleRecord> rules) {
    public ListenerRecord {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
    }

    public String arn() {
        return listener.listenerArn();
    }

    ListenerRecord with(Listener changed) {
        return new ListenerRecord(changed, tags, rules);
    }

    ListenerRecord withTags(List<Tag> changed) {
        return new ListenerRecord(listener, changed, rules);
    }

    ListenerRecord withRules(List<RuleRecord> changed) {
        return new ListenerRecord(listener, tags, changed);
    }
}
