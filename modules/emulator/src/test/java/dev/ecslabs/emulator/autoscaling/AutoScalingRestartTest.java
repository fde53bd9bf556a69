package dev.ecslabs.emulator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.metrics.Load;
import dev.ecslabs.emulator.ecs.metrics.WebService;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Application Auto Scaling's state across a crash: the journal alone carries the target, the policy
 * with its alarms, the scheduled action, the activities and the load; and the loop goes on after it.
 * Not an {@code @EmulatorTest}: what it tests is a restart.
 */
class AutoScalingRestartTest {
    private static final String ACCOUNT = "666666666666";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock();
    private Emulator first;

    @BeforeEach
    void start() {
        first = started(temp.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        first.close();
    }

    private static Emulator started(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
    }

    @Test
    @DisplayName("A scalable target, its target tracking policy and alarms, a scheduled action and the load survive a crash, and scaling resumes")
    void survivesACrash() {
        try (EcsClient ecs = AwsClients.ecs(first, ACCOUNT);
             ApplicationAutoScalingClient autoScaling = AwsClients.client(ApplicationAutoScalingClient.builder(), first, ACCOUNT)) {
            WebService.create(ecs, clock, "labs", "web", 2);
            autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId("service/labs/web")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(10));
            autoScaling.putScalingPolicy(b -> b.policyName("cpu50").serviceNamespace(ServiceNamespace.ECS)
                    .resourceId("service/labs/web").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(t -> t.targetValue(50.0)
                            .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
            autoScaling.putScheduledAction(b -> b.scheduledActionName("nightly").serviceNamespace(ServiceNamespace.ECS)
                    .resourceId("service/labs/web").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .schedule("cron(0 22 * * ? *)").scalableTargetAction(a -> a.minCapacity(1)));
            Load.set(first, ACCOUNT, "labs", "web", 100);
        }
        Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
        ManualClock resumed = new ManualClock(clock.now());
        try (Emulator second = started(crashed, resumed);
             EcsClient ecs = AwsClients.ecs(second, ACCOUNT);
             CloudWatchClient cloudWatch = AwsClients.client(CloudWatchClient.builder(), second, ACCOUNT);
             ApplicationAutoScalingClient autoScaling = AwsClients.client(ApplicationAutoScalingClient.builder(), second, ACCOUNT)) {
            assertThat(Restarts.report(second)).contains("journal record").doesNotContain("problem");
            assertThat(autoScaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalableTargets()).hasSize(1);
            assertThat(autoScaling.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalingPolicies().get(0)
                    .alarms()).hasSize(2);
            assertThat(autoScaling.describeScheduledActions(b -> b.serviceNamespace(ServiceNamespace.ECS)).scheduledActions())
                    .hasSize(1);
            assertThat(cloudWatch.describeAlarms().metricAlarms()).hasSize(2);

            resumed.advance(Duration.ofMinutes(4));
            assertThat(ecs.describeServices(b -> b.cluster("labs").services("web")).services().get(0).desiredCount())
                    .as("the load went on, and so did the loop").isEqualTo(4);
        }
        // the second emulator's close took a checkpoint of what its clock did: the policy's cooldown state included
        try (Emulator third = started(crashed, Restarts.resumedClock(crashed));
             EcsClient ecs = AwsClients.ecs(third, ACCOUNT);
             ApplicationAutoScalingClient autoScaling = AwsClients.client(ApplicationAutoScalingClient.builder(), third, ACCOUNT)) {
            assertThat(Restarts.report(third)).doesNotContain("problem");
            assertThat(ecs.describeServices(b -> b.cluster("labs").services("web")).services().get(0).desiredCount()).isEqualTo(4);
            assertThat(autoScaling.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalingActivities())
                    .hasSize(1);
        }
    }
}
