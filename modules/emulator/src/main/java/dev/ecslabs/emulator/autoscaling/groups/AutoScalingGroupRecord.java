package dev.ecslabs.emulator.autoscaling.groups;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * One Auto Scaling group as DescribeAutoScalingGroups writes it (its instances and their
 * lifecycle states included), and when each instance takes its next lifecycle step: a Pending
 * one goes InService, a Terminating one is gone. What is saved of it.
 */
public record AutoScalingGroupRecord(AutoScalingGroup group, Map<String, Instant> nextStepAt) {
    public AutoScalingGroupRecord {
        nextStepAt = new TreeMap<>(nextStepAt);
    }

    public String name() {
        return group.autoScalingGroupName();
    }

    public String arn() {
        return group.autoScalingGroupARN();
    }

    AutoScalingGroupRecord with(AutoScalingGroup changed) {
        return new AutoScalingGroupRecord(changed, nextStepAt);
    }
}
