package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.shell;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The SDK's task waiters against the emulator's default clock (AWS time twenty times faster):
 * TasksRunning fails on STOPPED or MISSING and succeeds when every task is RUNNING; TasksStopped
 * succeeds when every task is STOPPED (waiters-2.json of the ECS model).
 */
@EmulatorTest(account = "123456789012", clock = EmulatorTest.Clock.SCALED)
class TaskWaitersTest {
    static final String CLUSTER = "waiters";
    static Emulator emulator;
    static EcsClient ecs;
    /** labkit's waiter on the embedded emulator: a poll every 200 ms. */
    static EcsWaiter fast;

    @BeforeAll
    static void start() {
        fast = EcsWaiter.builder().client(ecs).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).maxAttempts(300).build()).build();
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        register(ecs, "web", web());
        register(ecs, "job", shell("job", "sleep 10; exit 0"));
        ecs.registerTaskDefinition(TaskFixtures.fargate("broken").containerDefinitions(ContainerDefinition.builder()
                .name("web").image("nginx:does-not-exist").build()).build());
    }

    @AfterAll
    static void stop() {
        fast.close();
    }

    @Test
    @DisplayName("waitUntilTasksRunning with a 200 ms poll sees the task RUNNING about a second after RunTask")
    void runningWithFastPolling() {
        Task task = run(ecs, CLUSTER, "web");
        long begin = System.nanoTime();

        WaiterResponse<DescribeTasksResponse> response = fast.waitUntilTasksRunning(r -> r.cluster(CLUSTER)
                .tasks(task.taskArn()));

        Duration waited = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(response.matched().response().orElseThrow().tasks().get(0).lastStatus()).isEqualTo("RUNNING");
        assertThat(waited).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("waitUntilTasksStopped sees a batch job STOPPED with its exit code")
    void stoppedWithFastPolling() {
        Task task = run(ecs, CLUSTER, "job");

        Task stopped = fast.waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(task.taskArn()))
                .matched().response().orElseThrow().tasks().get(0);

        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.containers().get(0).exitCode()).isZero();
    }

    @Test
    @DisplayName("waitUntilTasksRunning fails as soon as the task is STOPPED: an image that doesn't exist")
    void runningFailsOnStopped() {
        Task task = run(ecs, CLUSTER, "broken");

        assertThatThrownBy(() -> fast.waitUntilTasksRunning(r -> r.cluster(CLUSTER).tasks(task.taskArn())))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("STOPPED");
    }

    @Test
    @DisplayName("waitUntilTasksRunning fails on a task DescribeTasks reports MISSING")
    void runningFailsOnMissing() {
        assertThatThrownBy(() -> fast.waitUntilTasksRunning(r -> r.cluster(CLUSTER)
                .tasks("0123456789abcdef0123456789abcdef"))).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("MISSING");
    }

    @Test
    @DisplayName("waitUntilTasksRunning with the SDK's own defaults (a poll every 6 s) succeeds at its second poll")
    void runningWithSdkDefaults() {
        Task task = run(ecs, CLUSTER, "web");

        try (EcsWaiter defaults = EcsWaiter.builder().client(ecs).build()) {
            WaiterResponse<DescribeTasksResponse> response = defaults.waitUntilTasksRunning(r -> r.cluster(CLUSTER)
                    .tasks(task.taskArn()));

            assertThat(response.attemptsExecuted()).isEqualTo(2);
            assertThat(response.matched().response().orElseThrow().tasks().get(0).lastStatus()).isEqualTo("RUNNING");
        }
    }
}
