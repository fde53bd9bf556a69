package dev.ecslabs.emulator.autoscaling;

import java.time.Instant;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;

/**
 * A scaling policy as DescribeScalingPolicies shows it, with what its cooldowns need: when it last
 * scaled out and in (epoch milliseconds, as saved), and the capacity the last scale-out started
 * from (while a scale-out cooldown is in effect, "the capacity added by the initiating scale-out
 * activity is counted as part of the desired capacity for the next scale out").
 */
public record PolicyRecord(ScalingPolicy policy, Long lastScaleOutMillis, Long lastScaleInMillis, Integer capacityBeforeScaleOut) {

    Instant lastScaleOut() {
        return lastScaleOutMillis == null ? null : Instant.ofEpochMilli(lastScaleOutMillis);
    }

    Instant lastScaleIn() {
        return lastScaleInMillis == null ? null : Instant.ofEpochMilli(lastScaleInMillis);
    }

    PolicyRecord scaledOut(Instant at, int from) {
        return new PolicyRecord(policy, at.toEpochMilli(), lastScaleInMillis, from);
    }

    PolicyRecord scaledIn(Instant at) {
        return new PolicyRecord(policy, lastScaleOutMillis, at.toEpochMilli(), capacityBeforeScaleOut);
    }
}
