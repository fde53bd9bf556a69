package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.shell;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static dev.ecslabs.emulator.ecs.task.TaskLifecycleTest.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * Container health checks and {@code dependsOn} order in a running task
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class ContainerHealthAndOrderTest {
    static final String CLUSTER = "health";
    /** RunTask to the containers' start: provisioning and the image pull. */
    static final Duration TO_START = TaskTimings.PROVISIONING.plus(TaskTimings.IMAGE_PULL);

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
    }

    @Test
    @DisplayName("A passing health check makes the container and the task HEALTHY at its first run, one interval after the start")
    void passingCheckIsHealthy() {
        register(ecs, "checked", withCheck(web(), "curl -f http://localhost/ || exit 1", 10, 3, 0));
        Task task = run(ecs, CLUSTER, "checked");

        clock.advance(TO_START.plusSeconds(9));
        Task before = describe(ecs, CLUSTER, task.taskArn());
        clock.advance(Duration.ofSeconds(1));
        Task after = describe(ecs, CLUSTER, task.taskArn());

        assertThat(before.containers().get(0).healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(before.healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(after.containers().get(0).healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(after.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    @DisplayName("Failures within startPeriod don't count; after it, retries failures in a row make it UNHEALTHY, and the task keeps running")
    void failingCheckIsUnhealthyAfterStartPeriodAndRetries() {
        register(ecs, "failing", withCheck(web(), "exit 1", 10, 2, 30));
        Task task = run(ecs, CLUSTER, "failing");

        clock.advance(TO_START.plusSeconds(40));
        Task afterOneCountedFailure = describe(ecs, CLUSTER, task.taskArn());
        clock.advance(Duration.ofSeconds(10));
        Task afterTwo = describe(ecs, CLUSTER, task.taskArn());

        assertThat(afterOneCountedFailure.containers().get(0).healthStatus())
                .as("checks at 10, 20 and 30 s fell in the start period; the one at 40 s is the first that counts")
                .isEqualTo(HealthStatus.UNKNOWN);
        assertThat(afterTwo.containers().get(0).healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(afterTwo.healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(afterTwo.lastStatus()).as("a standalone task is not replaced when unhealthy").isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("The simulated curl reaches only the ports a container's program listens on: nginx answers on 80, not 8080")
    void curlReachesListeningPorts() {
        register(ecs, "wrong-port", withCheck(web(), "curl -f http://localhost:8080/ || exit 1", 5, 1, 0));
        Task task = run(ecs, CLUSTER, "wrong-port");

        clock.advance(TO_START.plusSeconds(5));

        assertThat(describe(ecs, CLUSTER, task.taskArn()).healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    @DisplayName("A sidecar that dependsOn the app being HEALTHY starts only then, and the task stays PENDING until it has")
    void sidecarWaitsForHealthyApp() {
        ContainerDefinition sidecar = ContainerDefinition.builder().name("sidecar")
                .image("public.ecr.aws/aws-observability/aws-otel-collector:latest").essential(false)
                .dependsOn(d -> d.containerName("web").condition(ContainerCondition.HEALTHY)).build();
        register(ecs, "with-sidecar", withCheck(web(), "curl -f http://localhost/ || exit 1", 20, 3, 0), sidecar);
        Task task = run(ecs, CLUSTER, "with-sidecar");

        clock.advance(TO_START.plusSeconds(10));
        Task waiting = describe(ecs, CLUSTER, task.taskArn());
        clock.advance(Duration.ofSeconds(10));
        Task started = describe(ecs, CLUSTER, task.taskArn());
        clock.advance(TaskTimings.ACTIVATING);
        Task running = describe(ecs, CLUSTER, task.taskArn());

        assertThat(waiting.lastStatus()).isEqualTo("PENDING");
        assertThat(container(waiting, "web").lastStatus()).isEqualTo("RUNNING");
        assertThat(container(waiting, "sidecar").lastStatus()).isEqualTo("PENDING");
        assertThat(container(started, "sidecar").lastStatus()).isEqualTo("RUNNING");
        assertThat(started.lastStatus()).isEqualTo("ACTIVATING");
        assertThat(running.lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("An init container with SUCCESS runs first; the app starts once it has exited 0")
    void initContainerRunsFirst() {
        ContainerDefinition init = shell("init", "sleep 3; exit 0").toBuilder().essential(false).build();
        ContainerDefinition app = web().toBuilder().dependsOn(d -> d.containerName("init")
                .condition(ContainerCondition.SUCCESS)).build();
        register(ecs, "with-init", init, app);
        Task task = run(ecs, CLUSTER, "with-init");

        clock.advance(TO_START.plusSeconds(1));
        Task initRunning = describe(ecs, CLUSTER, task.taskArn());
        clock.advance(Duration.ofSeconds(2));
        Task appStarted = describe(ecs, CLUSTER, task.taskArn());

        assertThat(container(initRunning, "init").lastStatus()).isEqualTo("RUNNING");
        assertThat(container(initRunning, "web").lastStatus()).isEqualTo("PENDING");
        assertThat(container(appStarted, "init").exitCode()).isZero();
        assertThat(container(appStarted, "web").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("An init container that fails keeps the app from starting and stops the task with TaskFailedToStart")
    void failedInitStopsTheTask() {
        ContainerDefinition init = shell("init", "exit 2").toBuilder().essential(false).build();
        ContainerDefinition app = web().toBuilder().dependsOn(d -> d.containerName("init")
                .condition(ContainerCondition.SUCCESS)).build();
        register(ecs, "failing-init", init, app);
        Task task = run(ecs, CLUSTER, "failing-init");

        clock.advance(Duration.ofMinutes(1));

        Task stopped = describe(ecs, CLUSTER, task.taskArn());
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).contains("web").contains("init").contains("SUCCESS");
        assertThat(container(stopped, "web").exitCode()).as("never started").isNull();
        assertThat(stopped.startedAt()).isNull();
    }

    @Test
    @DisplayName("A dependency that misses its startTimeout stops the task")
    void dependencyStartTimeout() {
        ContainerDefinition unhealthy = withCheck(web(), "exit 1", 5, 10, 0).toBuilder().startTimeout(30).build();
        ContainerDefinition waiting = ContainerDefinition.builder().name("waiting").image(TaskFixtures.BUSYBOX)
                .command("sleep", "3600").essential(false)
                .dependsOn(d -> d.containerName("web").condition(ContainerCondition.HEALTHY)).build();
        register(ecs, "timeout", unhealthy, waiting);
        Task task = run(ecs, CLUSTER, "timeout");

        clock.advance(TO_START.plusSeconds(29));
        Task before = describe(ecs, CLUSTER, task.taskArn());
        clock.advance(Duration.ofSeconds(1));
        Task after = describe(ecs, CLUSTER, task.taskArn());

        assertThat(before.desiredStatus()).isEqualTo("RUNNING");
        assertThat(after.desiredStatus()).isEqualTo("STOPPED");
        assertThat(after.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
    }

    private static ContainerDefinition withCheck(ContainerDefinition container, String script, int interval, int retries,
                                                 int startPeriod) {
        return container.toBuilder().healthCheck(HealthCheck.builder().command("CMD-SHELL", script).interval(interval)
                .retries(retries).startPeriod(startPeriod).timeout(5).build()).build();
    }
}
