package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerCheckedWeb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.JumpingClock;
import dev.ecslabs.emulator.ecs.task.TaskTimings;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.Operation;

/**
 * The order of events on the jumping clock is the order on AWS's timeline: the clock runs at speed
 * 1 here, so every wait of more than a moment is a jump, and what clients see through the SDK
 * (waiters polling every 200 ms, as labkit's do) and what ECS's task state listeners see of every
 * change must be the documented order, with AWS's durations between the timestamps.
 */
@EmulatorTest(clock = EmulatorTest.Clock.JUMPING, speed = 1, scope = EmulatorTest.Scope.EACH_TEST)
class JumpingClockOrderTest {
    private static final String CLUSTER = "jumps";

    private Emulator emulator;
    private EcsClient ecs;
    private EcsWaiter waiter;
    /** Every task state change, as ECS's own listeners get them: the task after the change. */
    private final List<Task> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        emulator.fargate().addListener(change -> changes.add(change.after()));
        waiter = EcsWaiter.builder().client(ecs).overrideConfiguration(poll()).build();
        ecs.createCluster(b -> b.clusterName(CLUSTER));
    }

    @Test
    @DisplayName("a task goes PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED, its timestamps AWS's durations apart")
    void taskStatesInOrder() {
        String definition = registerCheckedWeb(ecs, "web");
        Task started = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(definition).launchType("FARGATE")
                .networkConfiguration(ServiceFixtures.defaultVpc())).tasks().get(0);

        Task running = waiter.waitUntilTasksRunning(b -> b.cluster(CLUSTER).tasks(started.taskArn()))
                .matched().response().orElseThrow().tasks().get(0);
        ecs.stopTask(b -> b.cluster(CLUSTER).task(started.taskArn()).reason("done"));
        Task stopped = waiter.waitUntilTasksStopped(b -> b.cluster(CLUSTER).tasks(started.taskArn()))
                .matched().response().orElseThrow().tasks().get(0);

        assertThat(statusesOf(started.taskArn())).containsExactly("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING",
                "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED");
        assertThat(running.pullStartedAt()).isEqualTo(running.createdAt().plus(TaskTimings.PROVISIONING));
        assertThat(running.pullStoppedAt()).isEqualTo(running.pullStartedAt().plus(TaskTimings.IMAGE_PULL));
        assertThat(running.startedAt()).isEqualTo(running.pullStoppedAt().plus(TaskTimings.ACTIVATING));
        assertThat(stopped.stoppingAt()).isAfterOrEqualTo(running.startedAt());
        assertThat(stopped.executionStoppedAt()).isAfterOrEqualTo(stopped.stoppingAt().plus(TaskTimings.DEACTIVATING));
        assertThat(stopped.stoppedAt()).isEqualTo(stopped.executionStoppedAt().plus(TaskTimings.DEPROVISIONING));
        assertThat(stopped.stoppedReason()).isEqualTo("done");
        assertThat(((JumpingClock) emulator.clock()).jumped()).as("AWS's waits were jumped over, not waited for")
                .isGreaterThan(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("a rolling update keeps every task change within minimumHealthyPercent 50 and maximumPercent 150 of four tasks")
    void rolloutStaysWithinItsBounds() {
        String v1 = registerCheckedWeb(ecs, "web");
        String v2 = registerCheckedWeb(ecs, "web");
        create(ecs, CLUSTER, "web", v1, 4, r -> r.deploymentConfiguration(d -> d.minimumHealthyPercent(50).maximumPercent(150)));
        waiter.waitUntilServicesStable(b -> b.cluster(CLUSTER).services("web"));
        int changesBefore = changes.size();

        ecs.updateService(b -> b.cluster(CLUSTER).service("web").taskDefinition(v2));
        waiter.waitUntilServicesStable(b -> b.cluster(CLUSTER).services("web"));

        // replays every change of the rollout in order, as the scheduler saw them
        Map<String, Task> latest = new ConcurrentHashMap<>();
        changes.subList(0, changesBefore).forEach(t -> latest.put(t.taskArn(), t));
        List<int[]> counts = new ArrayList<>();
        for (Task change : changes.subList(changesBefore, changes.size())) {
            latest.put(change.taskArn(), change);
            int live = (int) latest.values().stream()
                    .filter(t -> "RUNNING".equals(t.desiredStatus()) && !"STOPPED".equals(t.lastStatus())).count();
            int healthy = (int) latest.values().stream()
                    .filter(t -> "RUNNING".equals(t.lastStatus()) && "HEALTHY".equals(t.healthStatusAsString())).count();
            counts.add(new int[] {live, healthy});
        }
        assertThat(counts).as("the ceiling: 4 × 150% RUNNING or PENDING").allSatisfy(c -> assertThat(c[0]).isLessThanOrEqualTo(6));
        assertThat(counts).as("the floor: 4 × 50% healthy").allSatisfy(c -> assertThat(c[1]).isGreaterThanOrEqualTo(2));
        assertThat(counts.stream().mapToInt(c -> c[0]).max().orElseThrow()).as("the rollout used its room").isEqualTo(6);
        assertThat(latest.values().stream().filter(t -> t.taskDefinitionArn().equals(v2) && "RUNNING".equals(t.lastStatus())))
                .hasSize(4);
    }

    @Test
    @DisplayName("a private DNS namespace's operation goes SUBMITTED → PENDING → SUCCESS, 40 s of AWS time after it was submitted")
    void cloudMapOperationStatesInOrder() {
        try (ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(emulator)) {
            String operationId = cloudMap.createPrivateDnsNamespace(b -> b.name("jumps.local").vpc(DefaultVpc.VPC_ID))
                    .operationId();
            List<String> seen = new ArrayList<>();

            Operation done = pollUntil(() -> cloudMap.getOperation(b -> b.operationId(operationId)).operation(), operation -> {
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(operation.statusAsString())) {
                    seen.add(operation.statusAsString());
                }
                return "SUCCESS".equals(operation.statusAsString());
            });

            assertThat(List.of("SUBMITTED", "PENDING", "SUCCESS")).as("seen in order: " + seen).containsSubsequence(seen);
            assertThat(seen).endsWith("SUCCESS");
            // the operation completes when its step runs, a moment after it fell due, as on the scaled clock
            assertThat(Duration.between(done.createDate(), done.updateDate())).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(41));
        }
    }

    private List<String> statusesOf(String taskArn) {
        List<String> statuses = new ArrayList<>();
        for (Task change : changes) {
            if (change.taskArn().equals(taskArn) && (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(change.lastStatus()))) {
                statuses.add(change.lastStatus());
            }
        }
        return statuses;
    }

    private static WaiterOverrideConfiguration poll() {
        return WaiterOverrideConfiguration.builder().maxAttempts(300)
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).build();
    }

    @SuppressWarnings("unchecked")
    private static <T> T pollUntil(Supplier<T> ask, Predicate<T> accepted) {
        Waiter<Object> waiter = Waiter.builder(Object.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(answer -> accepted.test((T) answer)))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(answer -> true))
                .overrideConfiguration(poll()).build();
        return (T) waiter.run(ask::get).matched().response().orElseThrow();
    }
}
