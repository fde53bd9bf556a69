package dev.ecslabs.emulator.autoscaling;

import java.util.List;
import java.util.OptionalInt;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;

/**
 * The capacity a policy asks for. Target tracking is proportional
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html):
 * the capacity that would bring the metric to the target if the load stayed, {@code ceil(capacity ×
 * metric / target)}; rounding up keeps scale-in conservative. Step scaling adds the adjustment of the
 * step the metric's distance from the alarm threshold falls in
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html).
 */
final class CapacityArithmetic {
    private CapacityArithmetic() {
    }

    static int targetTracking(int capacity, double metric, double target) {
        if (capacity == 0) {
            return metric > target ? 1 : 0;
        }
        // a tiny allowance so that 2 × 50 / 50 stays 2 despite floating point
        return (int) Math.ceil(capacity * metric / target - 1e-9);
    }

    /**
     * The step whose bounds, relative to the threshold, hold {@code metric - threshold} (lower bound
     * inclusive, upper exclusive, a missing bound is infinity), applied to the capacity; empty when
     * no step holds it.
     */
    static OptionalInt stepScaling(int capacity, double metric, double threshold, StepScalingPolicyConfiguration configuration) {
        double distance = metric - threshold;
        List<StepAdjustment> steps = configuration.stepAdjustments();
        for (StepAdjustment step : steps) {
            double lower = step.metricIntervalLowerBound() == null ? Double.NEGATIVE_INFINITY : step.metricIntervalLowerBound();
            double upper = step.metricIntervalUpperBound() == null ? Double.POSITIVE_INFINITY : step.metricIntervalUpperBound();
            if (distance >= lower && distance < upper) {
                return OptionalInt.of(adjusted(capacity, step.scalingAdjustment(), configuration));
            }
        }
        return OptionalInt.empty();
    }

    /**
     * ChangeInCapacity adds, ExactCapacity sets, PercentChangeInCapacity adds a percentage rounded as
     * AWS does (above 1 down, between 0 and 1 to 1, between -1 and 0 to -1, below -1 up), at least
     * MinAdjustmentMagnitude.
     */
    static int adjusted(int capacity, int adjustment, StepScalingPolicyConfiguration configuration) {
        AdjustmentType type = configuration.adjustmentType();
        if (type == AdjustmentType.EXACT_CAPACITY) {
            return adjustment;
        }
        if (type == AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
            double change = capacity * adjustment / 100.0;
            int rounded = change > 1 ? (int) Math.floor(change) : change > 0 ? 1 : change == 0 ? 0 : change > -1 ? -1
                    : (int) Math.ceil(change);
            Integer minimum = configuration.minAdjustmentMagnitude();
            if (minimum != null && Math.abs(rounded) < minimum) {
                rounded = rounded < 0 ? -minimum : minimum;
            }
            return capacity + rounded;
        }
        return capacity + adjustment;
    }
}
