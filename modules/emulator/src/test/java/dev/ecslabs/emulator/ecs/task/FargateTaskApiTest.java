package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/** The task API that the service scheduler and Cloud Map registration use inside the emulator. */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class FargateTaskApiTest {
    static final String CLUSTER = "services";

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;
    AccountRegion region;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        register(ecs, "web", web());
        region = emulator.state().get("123456789012", "us-east-1");
    }

    @Test
    @DisplayName("A service's task is in group service:<name>, started by its deployment, and listeners see it reach RUNNING and STOPPED")
    void startsAndStopsAServiceTask() {
        List<String> events = new ArrayList<>();
        emulator.fargate().addListener(change -> {
            if (change.reached(TaskStatus.RUNNING)) {
                events.add("RUNNING " + TaskNetworking.privateIpv4Address(change.after()).orElseThrow());
            }
            if (change.stopRequested()) {
                events.add("stop requested: " + change.after().stopCode());
            }
            if (change.reached(TaskStatus.STOPPED)) {
                events.add("STOPPED");
            }
        });
        TaskLaunch launch = region.locked(() -> TaskLaunch.forService(Clusters.of(region).requireActive(CLUSTER),
                TaskDefinitions.of(region).find("web").orElseThrow(), "FARGATE",
                List.of(DefaultVpc.subnet("us-east-1", DefaultVpc.SUBNET_IDS.get(0)).orElseThrow()), "web",
                "ecs-svc/1234567890123456789", List.of(), false, "1.4.0"));

        Task started = emulator.fargate().start(region, launch);
        clock.advance(Duration.ofSeconds(30));
        Task running = describe(ecs, CLUSTER, started.taskArn());
        emulator.fargate().stop(region, started.taskArn(), TaskStopCode.SERVICE_SCHEDULER_INITIATED,
                "Task stopped by the service scheduler");
        clock.advance(Duration.ofMinutes(1));

        assertThat(started.group()).isEqualTo("service:web");
        assertThat(started.startedBy()).isEqualTo("ecs-svc/1234567890123456789");
        // No service "web" exists (ListTasks would answer ServiceNotFoundException for it): find the task by its deployment.
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("ecs-svc/1234567890123456789").desiredStatus("STOPPED"))
                .taskArns()).containsExactly(started.taskArn());
        assertThat(events).containsExactly("RUNNING " + TaskNetworking.privateIpv4Address(running).orElseThrow(),
                "stop requested: ServiceSchedulerInitiated", "STOPPED");
    }

    @Test
    @DisplayName("Stopping an unknown task answers nothing; a listener that fails doesn't stop the task's lifecycle")
    void robustToUnknownTasksAndFailingListeners() {
        emulator.fargate().addListener(change -> {
            throw new IllegalStateException("a listener bug");
        });
        Task task = TaskFixtures.run(ecs, CLUSTER, "web");

        clock.advance(Duration.ofSeconds(30));

        assertThat(emulator.fargate().stop(region, "0123456789abcdef0123456789abcdef", TaskStopCode.USER_INITIATED, "x"))
                .isEmpty();
        assertThat(describe(ecs, CLUSTER, task.taskArn()).lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("A task's next step derives from its state: with its schedule lost (a restart), resume plays what was due, each step at its own time")
    void resumesFromState() {
        Task task = TaskFixtures.run(ecs, CLUSTER, "web");
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        region.locked(() -> Tasks.of(region).cancelNextStep(id));

        clock.advance(Duration.ofSeconds(30));
        Task forgotten = describe(ecs, CLUSTER, task.taskArn());
        emulator.fargate().resume(region);
        clock.advance(Duration.ZERO);
        Task resumed = describe(ecs, CLUSTER, task.taskArn());

        assertThat(forgotten.lastStatus()).as("nothing scheduled it").isEqualTo("PROVISIONING");
        assertThat(resumed.lastStatus()).isEqualTo("RUNNING");
        assertThat(resumed.startedAt()).isEqualTo(task.createdAt().plus(TaskTimings.PROVISIONING)
                .plus(TaskTimings.IMAGE_PULL).plus(TaskTimings.ACTIVATING));
    }
}
