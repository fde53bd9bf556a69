package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.cloudwatch.alarms.AlarmActionTarget;
import dev.ecslabs.emulator.cloudwatch.alarms.AlarmEvaluation;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * A scaling policy invoked by its alarm (action ARN {@code arn:aws:autoscaling:…:scalingPolicy:…}),
 * once when the alarm goes to ALARM and again every minute it stays there: the policy works out the
 * capacity from the alarm's newest datapoint ({@link CapacityArithmetic}), keeps it within the
 * target's min and max, and scales the service unless a cooldown, DisableScaleIn or a suspended
 * state holds it back. Cooldowns as AWS describes them: while a scale-out cooldown is in effect, the
 * capacity added counts toward the next scale-out, which happens only if a larger one is needed;
 * scale-in waits for its cooldown
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html#target-tracking-cooldown).
 */
final class PolicyInvocation implements AlarmActionTarget {
    /** ECS's default cooldowns (TargetTrackingScalingPolicyConfiguration, StepScalingPolicyConfiguration). */
    static final int DEFAULT_COOLDOWN = 300;

    private final Scaling scaling;

    PolicyInvocation(Scaling scaling) {
        this.scaling = scaling;
    }

    @Override
    public boolean handles(String actionArn) {
        return actionArn.startsWith("arn:aws:autoscaling:") && actionArn.contains(":scalingPolicy:");
    }

    @Override
    public boolean repeats() {
        return true;
    }

    @Override
    public void invoke(AccountRegion region, String actionArn, MetricAlarm alarm) {
        ScalingPolicies policies = ScalingPolicies.of(region);
        PolicyRecord record = policies.byArn(actionArn).orElse(null);
        if (record == null) {
            return; // the policy was deleted; the alarm's action reaches nothing, as on AWS
        }
        ScalingPolicy policy = record.policy();
        ScalableTarget target = ScalableTargets.of(region).find(policy.serviceNamespaceAsString(), policy.resourceId(),
                policy.scalableDimensionAsString()).orElse(null);
        Instant now = region.now();
        OptionalInt current = target == null ? OptionalInt.empty() : scaling.capacity(region, target);
        OptionalDouble metric = AlarmEvaluation.latestValue(region, alarm, now);
        if (current.isEmpty() || metric.isEmpty()) {
            return;
        }
        int capacity = current.getAsInt();
        boolean stepScaling = policy.policyType() == PolicyType.STEP_SCALING;
        int outCooldown = stepScaling ? cooldown(policy.stepScalingPolicyConfiguration().cooldown())
                : cooldown(policy.targetTrackingScalingPolicyConfiguration().scaleOutCooldown());
        int inCooldown = stepScaling ? outCooldown : cooldown(policy.targetTrackingScalingPolicyConfiguration().scaleInCooldown());
        boolean inOutCooldown = record.lastScaleOut() != null
                && now.isBefore(record.lastScaleOut().plus(Duration.ofSeconds(outCooldown)));
        int base = inOutCooldown && record.capacityBeforeScaleOut() != null ? record.capacityBeforeScaleOut() : capacity;

        OptionalInt out = proposed(policy, base, metric.getAsDouble(), alarm);
        OptionalInt in = proposed(policy, capacity, metric.getAsDouble(), alarm);
        SuspendedState suspended = target.suspendedState();
        String cause = "monitor alarm " + alarm.alarmName() + " in state " + alarm.stateValueAsString() + " triggered policy "
                + policy.policyName();
        if (out.isPresent() && out.getAsInt() > capacity) {
            if (suspended != null && Boolean.TRUE.equals(suspended.dynamicScalingOutSuspended())) {
                return;
            }
            int desired = Math.min(out.getAsInt(), target.maxCapacity());
            if (desired > capacity) {
                scaling.setCapacity(region, target, desired, cause);
                policies.put(record.scaledOut(now, inOutCooldown ? base : capacity));
            }
        } else if (in.isPresent() && in.getAsInt() < capacity) {
            boolean disabled = !stepScaling && Boolean.TRUE.equals(policy.targetTrackingScalingPolicyConfiguration().disableScaleIn());
            boolean cooling = record.lastScaleIn() != null && now.isBefore(record.lastScaleIn().plus(Duration.ofSeconds(inCooldown)));
            boolean paused = suspended != null && Boolean.TRUE.equals(suspended.dynamicScalingInSuspended());
            int desired = Math.max(in.getAsInt(), target.minCapacity());
            if (!disabled && !cooling && !paused && desired < capacity) {
                scaling.setCapacity(region, target, desired, cause);
                policies.put(record.scaledIn(now));
            }
        }
    }

    private static OptionalInt proposed(ScalingPolicy policy, int capacity, double metric, MetricAlarm alarm) {
        if (policy.policyType() == PolicyType.STEP_SCALING) {
            return CapacityArithmetic.stepScaling(capacity, metric, alarm.threshold(), policy.stepScalingPolicyConfiguration());
        }
        TargetTrackingScalingPolicyConfiguration configuration = policy.targetTrackingScalingPolicyConfiguration();
        return OptionalInt.of(CapacityArithmetic.targetTracking(capacity, metric, configuration.targetValue()));
    }

    private static int cooldown(Integer seconds) {
        return seconds == null ? DEFAULT_COOLDOWN : seconds;
    }
}
