package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.metrics.Load;
import dev.ecslabs.emulator.ecs.metrics.WebService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The whole loop on a manual clock: load drives ECS's CPU metric, the target tracking policy's
 * alarm fires, the policy works out the capacity, Application Auto Scaling sets the service's
 * desiredCount, and the service runs the tasks; then the load stops and it scales in. AWS's numbers:
 * AlarmHigh 3 of 3 minutes above the target, AlarmLow 15 of 15 below 90 % of it, cooldowns of 300 s
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html).
 */
@EmulatorTest(account = "444444444444", scope = EmulatorTest.Scope.EACH_TEST)
class TargetTrackingLoopTest {
    static final String RESOURCE = "service/labs/web";
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;
    CloudWatchClient cloudWatch;
    ApplicationAutoScalingClient autoScaling;

    private int desired() {
        return ecs.describeServices(b -> b.cluster("labs").services("web")).services().get(0).desiredCount();
    }

    private List<ScalingActivity> activities() {
        return autoScaling.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE))
                .scalingActivities();
    }

    private List<Alarm> registerWithCpuPolicy() {
        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(10));
        return autoScaling.putScalingPolicy(b -> b.policyName("cpu50").serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(50.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))))
                .alarms();
    }

    @Test
    @DisplayName("The policy creates AlarmHigh and AlarmLow as AWS names and shapes them, invoking the policy")
    void createsItsAlarms() {
        WebService.create(ecs, clock, "labs", "web", 2);
        List<Alarm> alarms = registerWithCpuPolicy();

        assertThat(alarms).extracting(Alarm::alarmName).satisfiesExactly(
                high -> assertThat(high).matches("TargetTracking-service/labs/web-AlarmHigh-[0-9a-f-]{36}"),
                low -> assertThat(low).matches("TargetTracking-service/labs/web-AlarmLow-[0-9a-f-]{36}"));
        String policyArn = autoScaling.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalingPolicies()
                .get(0).policyARN();
        assertThat(policyArn).matches("arn:aws:autoscaling:us-east-1:444444444444:scalingPolicy:[0-9a-f-]{36}:"
                + "resource/ecs/service/labs/web:policyName/cpu50");
        MetricAlarm high = cloudWatch.describeAlarms(b -> b.alarmNames(alarms.get(0).alarmName())).metricAlarms().get(0);
        assertThat(high.namespace()).isEqualTo("AWS/ECS");
        assertThat(high.metricName()).isEqualTo("CPUUtilization");
        assertThat(high.statisticAsString()).isEqualTo("Average");
        assertThat(high.threshold()).isEqualTo(50.0);
        assertThat(high.evaluationPeriods()).isEqualTo(3);
        assertThat(high.alarmActions()).containsExactly(policyArn);
        MetricAlarm low = cloudWatch.describeAlarms(b -> b.alarmNames(alarms.get(1).alarmName())).metricAlarms().get(0);
        assertThat(low.threshold()).isEqualTo(45.0);
        assertThat(low.evaluationPeriods()).isEqualTo(15);
        assertThat(low.comparisonOperatorAsString()).isEqualTo("LessThanThreshold");

        autoScaling.deleteScalingPolicy(b -> b.policyName("cpu50").serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
        assertThat(cloudWatch.describeAlarms().metricAlarms()).as("the policy's alarms go with it").isEmpty();
    }

    @Test
    @DisplayName("Load scales the service out within one evaluation period, the cooldown holds the next step, and no load scales it back in to the minimum")
    void scalesOutAndIn() {
        WebService.create(ecs, clock, "labs", "web", 2);
        List<Alarm> alarms = registerWithCpuPolicy();
        Load.set(emulator, "444444444444", "labs", "web", 100); // 50 requests a second per 0.25 vCPU task: 100 % CPU

        clock.advance(Duration.ofMinutes(2));
        assertThat(desired()).as("two minutes of 100 %% are not yet 3 of 3").isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(desired()).as("ceil(2 × 100 / 50)").isEqualTo(4);
        ScalingActivity first = activities().get(0);
        assertThat(first.description()).isEqualTo("Setting desired count to 4.");
        assertThat(first.cause()).isEqualTo("monitor alarm " + alarms.get(0).alarmName() + " in state ALARM triggered policy cpu50");
        assertThat(first.statusCode()).isEqualTo(ScalingActivityStatusCode.SUCCESSFUL);
        assertThat(first.statusMessage()).isEqualTo("Successfully set desired count to 4. Change successfully fulfilled by ecs.");

        // 4 tasks: 25 requests a second each, 52 %: still above the target, but the scale-out cooldown counts the 2 added
        clock.advance(Duration.ofMinutes(4));
        assertThat(WebService.running(ecs, "labs", "web")).isEqualTo(4);
        assertThat(desired()).isEqualTo(4);
        clock.advance(Duration.ofMinutes(1));
        assertThat(desired()).as("after the 300 s cooldown: ceil(4 × 52 / 50)").isEqualTo(5);
        clock.advance(Duration.ofMinutes(2));
        assertThat(cloudWatch.describeAlarms(b -> b.alarmNames(alarms.get(0).alarmName())).metricAlarms().get(0).stateValue())
                .as("42 %% with 5 tasks").isEqualTo(StateValue.OK);

        Load.set(emulator, "444444444444", "labs", "web", 0);
        clock.advance(Duration.ofMinutes(16));
        assertThat(desired()).as("15 minutes below 45 %%: ceil(5 × 2 / 50) = 1, kept at the minimum 2").isEqualTo(2);
        assertThat(activities()).extracting(ScalingActivity::description).containsExactly(
                "Setting desired count to 2.", "Setting desired count to 5.", "Setting desired count to 4.");
        assertThat(activities().get(0).cause()).contains("AlarmLow");
    }

    @Test
    @DisplayName("DisableScaleIn creates no AlarmLow, and the service is never scaled in")
    void disableScaleIn() {
        WebService.create(ecs, clock, "labs", "web", 3);
        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(10));
        List<Alarm> alarms = autoScaling.putScalingPolicy(b -> b.policyName("cpu").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> t.targetValue(50.0)
                        .disableScaleIn(true)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))))
                .alarms();
        assertThat(alarms).singleElement().extracting(Alarm::alarmName).asString().contains("AlarmHigh");
        Load.set(emulator, "444444444444", "labs", "web", 1);
        clock.advance(Duration.ofMinutes(20));
        assertThat(desired()).isEqualTo(3);
    }
}
