package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.cloudwatch.metrics.LoadBalancerMetrics;
import dev.ecslabs.emulator.ecs.metrics.WebService;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The interface the load balancer's data plane publishes through ({@link LoadBalancerMetrics}),
 * driven here by hand as the data plane will: its RequestCountPerTarget drives an
 * ALBRequestCountPerTarget target tracking policy.
 */
@EmulatorTest(account = "777777777777")
class RequestCountScalingTest {
    static final String LOAD_BALANCER = "app/labs-alb/50dc6c495c0c9188";
    static final String TARGET_GROUP = "targetgroup/web/943f017f100becff";
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;
    CloudWatchClient cloudWatch;
    ApplicationAutoScalingClient autoScaling;

    @Test
    @DisplayName("Requests the load balancer forwards become RequestCountPerTarget, and 3 minutes above the target scale the service out")
    void requestCountPerTargetScales() {
        WebService.create(ecs, clock, "labs", "web", 2);
        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/labs/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(10));
        autoScaling.putScalingPolicy(b -> b.policyName("rps").serviceNamespace(ServiceNamespace.ECS).resourceId("service/labs/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(100.0).predefinedMetricSpecification(p -> p
                        .predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET).resourceLabel(LOAD_BALANCER + "/" + TARGET_GROUP))));
        AccountRegion region = emulator.state().get("777777777777", "us-east-1");
        for (int minute = 0; minute < 3; minute++) {
            region.locked(() -> {
                for (int request = 0; request < 300; request++) { // 300 a minute over 2 targets: 150 per target
                    LoadBalancerMetrics.requestForwarded(region, LOAD_BALANCER, TARGET_GROUP, 2, clock.now(), 200, 0.01);
                }
            });
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(cloudWatch.getMetricStatistics(b -> b.namespace("AWS/ApplicationELB").metricName("RequestCountPerTarget")
                .dimensions(Dimension.builder().name("TargetGroup").value(TARGET_GROUP).build())
                .startTime(clock.now().minusSeconds(180)).endTime(clock.now()).period(60).statistics(Statistic.SUM))
                .datapoints()).allSatisfy(point -> assertThat(point.sum()).isEqualTo(150.0));
        assertThat(ecs.describeServices(b -> b.cluster("labs").services("web")).services().get(0).desiredCount())
                .as("ceil(2 × 150 / 100)").isEqualTo(3);
    }
}
