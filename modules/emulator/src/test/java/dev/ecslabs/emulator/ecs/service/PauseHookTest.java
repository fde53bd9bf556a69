package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookDetail;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStatus;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * PAUSE lifecycle hooks and ContinueServiceDeployment on rolling deployments, as "Pause hooks for
 * Amazon ECS service deployments" and "Continuing service deployments" describe them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/pause-lifecycle-hooks.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class PauseHookTest {
    static final String CLUSTER = "hooks";
    ManualClock clock;
    EcsClient ecs;

    String v1;
    String v2;

    @BeforeEach
    void createSteadyService() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        v1 = registerWeb(ecs, "web");
        create(ecs, CLUSTER, "web", v1, 2, r -> { });
        clock.advance(Duration.ofMinutes(2));
        v2 = registerWeb(ecs, "web");
    }

    static DeploymentLifecycleHook pauseAt(DeploymentLifecycleHookStage stage, int timeoutMinutes) {
        return DeploymentLifecycleHook.builder().targetType(DeploymentLifecycleHookTargetType.PAUSE).lifecycleStages(stage)
                .timeoutConfiguration(t -> t.timeoutInMinutes(timeoutMinutes)).build();
    }

    String deployWithHook(DeploymentLifecycleHook hook) {
        ecs.updateService(b -> b.cluster(CLUSTER).service("web").taskDefinition(v2)
                .deploymentConfiguration(c -> c.lifecycleHooks(hook)));
        return ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("web")).serviceDeployments().get(0)
                .serviceDeploymentArn();
    }

    ServiceDeployment deployment(String arn) {
        return ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments().get(0);
    }

    @Test
    @DisplayName("A PRE_SCALE_UP pause hook holds the deployment before its first new task, AWAITING_ACTION with a hookId; CONTINUE lets it complete")
    void pausesBeforeScaleUpThenContinues() {
        String arn = deployWithHook(pauseAt(DeploymentLifecycleHookStage.PRE_SCALE_UP, 60));
        clock.advance(Duration.ofMinutes(5));

        ServiceDeployment paused = deployment(arn);
        assertThat(paused.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(paused.lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.PRE_SCALE_UP);
        DeploymentLifecycleHookDetail hook = paused.lifecycleHookDetails().get(0);
        assertThat(hook.hookId()).matches("ecs-pause-[A-Za-z0-9_-]{43}");
        assertThat(hook.targetType()).isEqualTo(DeploymentLifecycleHookTargetType.PAUSE);
        assertThat(hook.status()).isEqualTo(DeploymentLifecycleHookStatus.AWAITING_ACTION);
        assertThat(hook.timeoutAction()).isEqualTo(DeploymentLifecycleHookAction.ROLLBACK);
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).extracting(Task::taskDefinitionArn).containsOnly(v1).hasSize(2);

        assertThat(ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(arn).hookId(hook.hookId()))
                .serviceDeploymentArn()).isEqualTo(arn);
        clock.advance(Duration.ofMinutes(3));

        ServiceDeployment done = deployment(arn);
        assertThat(done.status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(done.lifecycleHookDetails()).singleElement()
                .satisfies(h -> assertThat(h.status()).isEqualTo(DeploymentLifecycleHookStatus.SUCCEEDED));
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).extracting(Task::taskDefinitionArn).containsOnly(v2).hasSize(2);
    }

    @Test
    @DisplayName("A POST_SCALE_UP pause hook holds the deployment once its new tasks run; ROLLBACK returns the service to the last completed revision")
    void pausesAfterScaleUpThenRollsBack() {
        String arn = deployWithHook(pauseAt(DeploymentLifecycleHookStage.POST_SCALE_UP, 60));
        clock.advance(Duration.ofMinutes(3));

        ServiceDeployment paused = deployment(arn);
        assertThat(paused.lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.POST_SCALE_UP);
        assertThat(paused.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).extracting(Task::taskDefinitionArn).contains(v2);
        String hookId = paused.lifecycleHookDetails().get(0).hookId();

        ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(arn).hookId(hookId)
                .action(DeploymentLifecycleHookAction.ROLLBACK));
        clock.advance(Duration.ofMinutes(3));

        assertThat(deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(primary(describe(ecs, CLUSTER, "web")).taskDefinition()).isEqualTo(v1);
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).extracting(Task::taskDefinitionArn).containsOnly(v1).hasSize(2);
    }

    @Test
    @DisplayName("A pause hook left alone times out after timeoutInMinutes and takes its timeout action (ROLLBACK by default): TIMED_OUT")
    void timesOut() {
        String arn = deployWithHook(pauseAt(DeploymentLifecycleHookStage.PRE_SCALE_UP, 10));
        clock.advance(Duration.ofMinutes(9));
        assertThat(deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);

        clock.advance(Duration.ofMinutes(5));

        ServiceDeployment after = deployment(arn);
        assertThat(after.lifecycleHookDetails()).singleElement()
                .satisfies(h -> assertThat(h.status()).isEqualTo(DeploymentLifecycleHookStatus.TIMED_OUT));
        assertThat(after.status()).isIn(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(primary(describe(ecs, CLUSTER, "web")).taskDefinition()).isEqualTo(v1);
    }

    @Test
    @DisplayName("ContinueServiceDeployment needs an AWAITING_ACTION hookId of a known deployment; Lambda hooks and traffic-shift stages are refused")
    void refusals() {
        String arn = deployWithHook(pauseAt(DeploymentLifecycleHookStage.PRE_SCALE_UP, 60));
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(arn).hookId("ecs-pause-nope")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("AWAITING_ACTION");
        assertThatThrownBy(() -> ecs.continueServiceDeployment(b -> b.hookId("ecs-pause-nope")
                .serviceDeploymentArn(arn.substring(0, arn.lastIndexOf('/') + 1) + "nope")))
                .isInstanceOf(ServiceDeploymentNotFoundException.class);
        assertThatThrownBy(() -> ecs.updateService(b -> b.cluster(CLUSTER).service("web").deploymentConfiguration(c -> c
                .lifecycleHooks(h -> h.hookTargetArn("arn:aws:lambda:us-east-1:123456789012:function:check")
                        .lifecycleStages(DeploymentLifecycleHookStage.PRE_SCALE_UP)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("targetType PAUSE");
        assertThatThrownBy(() -> ecs.updateService(b -> b.cluster(CLUSTER).service("web").deploymentConfiguration(c -> c
                .lifecycleHooks(pauseAt(DeploymentLifecycleHookStage.TEST_TRAFFIC_SHIFT, 5)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("PRE_SCALE_UP");
    }

    @Test
    @DisplayName("StopServiceDeployment on a paused deployment rolls it back at once: the rollback does not wait at the hook")
    void stopWhilePaused() {
        String arn = deployWithHook(pauseAt(DeploymentLifecycleHookStage.PRE_SCALE_UP, 60));
        clock.advance(Duration.ofMinutes(1));

        ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn));
        clock.advance(Duration.ofMinutes(3));

        assertThat(deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).extracting(Task::taskDefinitionArn).containsOnly(v1).hasSize(2);
    }
}
