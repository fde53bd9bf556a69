package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.elb.LoadBalancedWeb;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Requests sent through a load balancer's URL drive an {@code ALBRequestCountPerTarget} target
 * tracking policy: the data plane's RequestCountPerTarget (Sum per minute, the requests over the
 * healthy targets) is what the policy's alarm watches, with the resource label
 * {@code app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>}
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html).
 */
@EmulatorTest(account = "777777777777")
class RequestCountScalingTest {
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;
    ElasticLoadBalancingV2Client elb;
    CloudWatchClient cloudWatch;
    ApplicationAutoScalingClient autoScaling;

    @Test
    @DisplayName("300 requests a minute through the ALB to 2 healthy targets are 150 per target; 3 minutes above the "
            + "target of 100 scale the service out to ceil(2 × 150 / 100) = 3")
    void requestCountPerTargetScales() throws Exception {
        LoadBalancedWeb web = LoadBalancedWeb.create(elb, ecs, clock, "labs", "web", 2);
        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/labs/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(10));
        autoScaling.putScalingPolicy(b -> b.policyName("rps").serviceNamespace(ServiceNamespace.ECS).resourceId("service/labs/web")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(100.0).predefinedMetricSpecification(p -> p
                        .predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET).resourceLabel(web.resourceLabel()))));
        String url = web.url(emulator, "777777777777");
        for (int minute = 0; minute < 3; minute++) {
            assertThat(LoadBalancedWeb.send(url, 300)).as("nginx's welcome page each time").containsOnly(200);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(cloudWatch.getMetricStatistics(b -> b.namespace("AWS/ApplicationELB").metricName("RequestCountPerTarget")
                .dimensions(Dimension.builder().name("TargetGroup").value(web.targetGroupDimension()).build())
                .startTime(clock.now().minusSeconds(240)).endTime(clock.now()).period(60).statistics(Statistic.SUM))
                .datapoints()).hasSize(3).allSatisfy(point -> assertThat(point.sum()).isEqualTo(150.0));
        assertThat(ecs.describeServices(b -> b.cluster("labs").services("web")).services().get(0).desiredCount())
                .as("ceil(2 × 150 / 100)").isEqualTo(3);
        assertThat(autoScaling.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/labs/web")).scalingActivities().get(0).cause())
                .contains("TargetTracking-service/labs/web-AlarmHigh-").contains("in state ALARM triggered policy rps");
    }
}
