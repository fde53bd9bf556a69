package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;

/**
 * The capacity arithmetic of target tracking and step scaling, with AWS's rounding of percentage
 * changes (https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html).
 */
class CapacityArithmeticTest {

    @ParameterizedTest(name = "{0} tasks at {1} % for a target of {2} %: {3}")
    @CsvSource({"2, 100, 50, 4", "4, 52, 50, 5", "2, 50, 50, 2", "5, 2, 50, 1", "3, 35.3, 50, 3", "0, 80, 50, 1"})
    @DisplayName("Target tracking asks for ceil(capacity × metric / target)")
    void targetTracking(int capacity, double metric, double target, int expected) {
        assertThat(CapacityArithmetic.targetTracking(capacity, metric, target)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} tasks, {1} %, minimum magnitude {2}: {3}")
    @CsvSource({"10, 15, , 11", "10, 5, , 11", "10, -5, , 9", "30, -22, , 24", "20, 50, , 30", "10, 15, 3, 13"})
    @DisplayName("PercentChangeInCapacity rounds as AWS does (above 1 down, 0 to 1 to 1, -1 to 0 to -1, below -1 up), at least MinAdjustmentMagnitude")
    void percentChange(int capacity, int percent, Integer minimumMagnitude, int expected) {
        StepScalingPolicyConfiguration configuration = StepScalingPolicyConfiguration.builder()
                .adjustmentType(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY).minAdjustmentMagnitude(minimumMagnitude).build();
        assertThat(CapacityArithmetic.adjusted(capacity, percent, configuration)).isEqualTo(expected);
    }

    @Test
    @DisplayName("A step holds the distance from the threshold from its lower bound (inclusive) to its upper bound (exclusive)")
    void steps() {
        StepScalingPolicyConfiguration configuration = StepScalingPolicyConfiguration.builder()
                .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).stepAdjustments(
                        StepAdjustment.builder().metricIntervalUpperBound(0.0).scalingAdjustment(-1).build(),
                        StepAdjustment.builder().metricIntervalLowerBound(0.0).metricIntervalUpperBound(20.0).scalingAdjustment(1).build(),
                        StepAdjustment.builder().metricIntervalLowerBound(20.0).scalingAdjustment(3).build()).build();
        assertThat(CapacityArithmetic.stepScaling(4, 60, 60, configuration)).hasValue(5);
        assertThat(CapacityArithmetic.stepScaling(4, 79.9, 60, configuration)).hasValue(5);
        assertThat(CapacityArithmetic.stepScaling(4, 80, 60, configuration)).hasValue(7);
        assertThat(CapacityArithmetic.stepScaling(4, 40, 60, configuration)).hasValue(3);
    }
}
