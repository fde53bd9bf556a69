package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.metrics.Load;
import dev.ecslabs.emulator.ecs.metrics.WebService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Application Auto Scaling's actions through the SDK besides target tracking's loop: scalable
 * targets, step scaling, scheduled actions, and the errors AWS answers
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/Welcome.html).
 */
@EmulatorTest(account = "555555555555", scope = EmulatorTest.Scope.EACH_TEST)
class ScalingApiTest {
    static final String RESOURCE = "service/labs/web";
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;
    CloudWatchClient cloudWatch;
    ApplicationAutoScalingClient autoScaling;

    private void register(int min, int max) {
        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(min).maxCapacity(max));
    }

    private int desired() {
        return ecs.describeServices(b -> b.cluster("labs").services("web")).services().get(0).desiredCount();
    }

    @Test
    @DisplayName("RegisterScalableTarget needs an existing service and min <= max; registering again changes what it gives")
    void scalableTargets() {
        assertThatThrownBy(() -> register(1, 3)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ECS service doesn't exist: service/labs/web");
        WebService.create(ecs, clock, "labs", "web", 1);
        assertThatThrownBy(() -> register(5, 3)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Minimum capacity cannot be greater than maximum capacity");
        register(1, 3);
        autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).maxCapacity(8));
        ScalableTarget target = autoScaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS))
                .scalableTargets().get(0);
        assertThat(target.minCapacity()).isEqualTo(1);
        assertThat(target.maxCapacity()).isEqualTo(8);
        assertThat(target.roleARN()).isEqualTo("arn:aws:iam::555555555555:role/aws-service-role/"
                + "ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService");
        assertThat(target.scalableTargetARN()).startsWith("arn:aws:application-autoscaling:us-east-1:555555555555:scalable-target/");
        autoScaling.tagResource(b -> b.resourceARN(target.scalableTargetARN()).tags(java.util.Map.of("team", "shop")));
        assertThat(autoScaling.listTagsForResource(b -> b.resourceARN(target.scalableTargetARN())).tags())
                .containsExactly(java.util.Map.entry("team", "shop"));

        autoScaling.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
        assertThatThrownBy(() -> autoScaling.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)))
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("No scalable target registered for service "
                        + "namespace: ecs, resource ID: service/labs/web, scalable dimension: ecs:service:DesiredCount");
    }

    @Test
    @DisplayName("ALBRequestCountPerTarget needs the target group in its resource label, and its alarm watches RequestCountPerTarget")
    void requestCountPerTarget() {
        WebService.create(ecs, clock, "labs", "web", 1);
        register(1, 4);
        assertThatThrownBy(() -> autoScaling.putScalingPolicy(b -> b.policyName("rps").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> t.targetValue(100.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ResourceLabel");
        String alarm = autoScaling.putScalingPolicy(b -> b.policyName("rps").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> t.targetValue(100.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)
                                .resourceLabel("app/labs-alb/50dc6c495c0c9188/targetgroup/web/943f017f100becff"))))
                .alarms().get(0).alarmName();
        MetricAlarm high = cloudWatch.describeAlarms(b -> b.alarmNames(alarm)).metricAlarms().get(0);
        assertThat(high.namespace()).isEqualTo("AWS/ApplicationELB");
        assertThat(high.metricName()).isEqualTo("RequestCountPerTarget");
        assertThat(high.statistic()).isEqualTo(Statistic.SUM);
        assertThat(high.dimensions()).containsExactly(Dimension.builder().name("TargetGroup")
                .value("targetgroup/web/943f017f100becff").build());
    }

    @Test
    @DisplayName("A step scaling policy adds the step's adjustment when the caller's alarm invokes it")
    void stepScaling() {
        WebService.create(ecs, clock, "labs", "web", 2);
        register(1, 6);
        String policyArn = autoScaling.putScalingPolicy(b -> b.policyName("steps").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(s -> s.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).cooldown(120)
                        .stepAdjustments(StepAdjustment.builder().metricIntervalLowerBound(0.0).metricIntervalUpperBound(30.0)
                                        .scalingAdjustment(1).build(),
                                StepAdjustment.builder().metricIntervalLowerBound(30.0).scalingAdjustment(3).build())))
                .policyARN();
        cloudWatch.putMetricAlarm(b -> b.alarmName("web-cpu-high").namespace("AWS/ECS").metricName("CPUUtilization")
                .dimensions(Dimension.builder().name("ClusterName").value("labs").build(),
                        Dimension.builder().name("ServiceName").value("web").build())
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(60.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).alarmActions(policyArn));
        Load.set(emulator, "555555555555", "labs", "web", 300); // 100 % CPU on 2 tasks and on 5: 40 above the threshold, the second step
        clock.advance(Duration.ofMinutes(1));
        assertThat(desired()).as("2 + 3").isEqualTo(5);
        clock.advance(Duration.ofMinutes(1));
        assertThat(desired()).as("within the 120 s cooldown the 3 added count: 2 + 3 is no larger").isEqualTo(5);
        clock.advance(Duration.ofMinutes(1));
        assertThat(desired()).as("after it, 5 + 3, kept at the maximum").isEqualTo(6);
        assertThat(autoScaling.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalingActivities())
                .extracting(ScalingActivity::cause).allMatch(cause -> cause.equals(
                        "monitor alarm web-cpu-high in state ALARM triggered policy steps"));
    }

    @Test
    @DisplayName("A cron scheduled action runs at its minute in its time zone, raising min capacity and the desired count with it")
    void scheduledAction() {
        WebService.create(ecs, clock, "labs", "web", 1);
        register(1, 10);
        autoScaling.putScheduledAction(b -> b.scheduledActionName("business-hours").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .schedule("cron(15 2 * * ? *)").timezone("Europe/Berlin").scalableTargetAction(a -> a.minCapacity(3).maxCapacity(10)));
        assertThatThrownBy(() -> autoScaling.putScheduledAction(b -> b.scheduledActionName("bad").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .schedule("cron(0 9 * * MON-FRI *)").scalableTargetAction(a -> a.minCapacity(3))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("must be ?");
        for (String badName : List.of("nightly:scale", "a/b", " leading", "trailing ", "tab\there")) {
            assertThatThrownBy(() -> autoScaling.putScheduledAction(b -> b.scheduledActionName(badName).serviceNamespace(ServiceNamespace.ECS)
                    .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .schedule("rate(1 hour)").scalableTargetAction(a -> a.minCapacity(3))))
                    .as(badName).isInstanceOf(ValidationException.class).hasMessageContaining("at 'scheduledActionName'");
        }

        Instant berlinQuarterPastTwo = Instant.parse("2026-01-01T01:15:00Z"); // CET is UTC+1 in January
        clock.advance(Duration.between(clock.now(), berlinQuarterPastTwo).minusSeconds(1));
        assertThat(desired()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(desired()).isEqualTo(3);
        List<ScalingActivity> activities = autoScaling.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS))
                .scalingActivities();
        assertThat(activities).extracting(ScalingActivity::description, ScalingActivity::cause).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Setting desired count to 3.", "minimum capacity was set to 3"),
                org.assertj.core.groups.Tuple.tuple("Setting min capacity to 3 and max capacity to 10",
                        "scheduled action name business-hours was triggered"));
        assertThat(autoScaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalableTargets().get(0)
                .minCapacity()).isEqualTo(3);
    }

    @Test
    @DisplayName("A policy for a target nobody registered is ObjectNotFoundException; another namespace is a ValidationException")
    void errors() {
        assertThatThrownBy(() -> autoScaling.putScalingPolicy(b -> b.policyName("p").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> t.targetValue(50.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION)))))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.DYNAMODB)
                .resourceId("table/orders").scalableDimension(ScalableDimension.DYNAMODB_TABLE_READ_CAPACITY_UNITS)
                .minCapacity(1).maxCapacity(5)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ECS services only");
    }
}
