package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.shell;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * ECS in an emulator with a data directory: task definitions, and tasks at every point of their
 * life, survive a restart; running tasks keep running with their IPs, and a task caught mid-way
 * goes on from where it was on the resumed clock.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class TasksRestartTest {
    static final String CLUSTER = "lab";

    @TempDir
    Path data;

    @Test
    @DisplayName("Task definitions keep their revisions, statuses and tags, and the next revision number")
    void taskDefinitionsSurvive() {
        try (Emulator first = Restarts.start(data, new ManualClock()); EcsClient ecs = AwsClients.ecs(first)) {
            ecs.registerTaskDefinition(TaskFixtures.fargate("web").containerDefinitions(web())
                    .tags(Tag.builder().key("lab").value("02").build()).build());
            register(ecs, "web", web());
            ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:1"));
        }

        try (Emulator second = Restarts.start(data, Restarts.resumedClock(data)); EcsClient ecs = AwsClients.ecs(second)) {
            TaskDefinition latest = ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition();
            DescribeTaskDefinitionResponse first = ecs.describeTaskDefinition(b -> b.taskDefinition("web:1")
                    .include(TaskDefinitionField.TAGS));

            assertThat(latest.revision()).isEqualTo(2);
            assertThat(latest.containerDefinitions()).singleElement().satisfies(c -> assertThat(c.image()).isEqualTo(TaskFixtures.NGINX));
            assertThat(first.taskDefinition().status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
            assertThat(first.tags()).containsExactly(Tag.builder().key("lab").value("02").build());
            assertThat(register(ecs, "web", web()).revision()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("A RUNNING task keeps running with its IP, a stopped one stays STOPPED, and one still PROVISIONING goes on to RUNNING on time")
    void tasksSurvive() {
        ManualClock clock = new ManualClock();
        Task running;
        Task stopped;
        Task provisioning;
        try (Emulator first = Restarts.start(data, clock); EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            register(ecs, "web", web());
            Task started = run(ecs, CLUSTER, "web", r -> r.tags(Tag.builder().key("kept").value("yes").build()));
            Task toStop = run(ecs, CLUSTER, "web");
            clock.advance(Duration.ofSeconds(30));
            ecs.stopTask(b -> b.cluster(CLUSTER).task(toStop.taskArn()).reason("done with it"));
            clock.advance(Duration.ofMinutes(1));
            running = describe(ecs, CLUSTER, started.taskArn());
            stopped = describe(ecs, CLUSTER, toStop.taskArn());
            provisioning = run(ecs, CLUSTER, "web", r -> r.clientToken("run-once"));
            clock.advance(Duration.ofSeconds(4));
        }

        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = Restarts.start(data, resumed); EcsClient ecs = AwsClients.ecs(second)) {
            Task stillRunning = ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(running.taskArn()).include(TaskField.TAGS))
                    .tasks().get(0);
            assertThat(stillRunning.lastStatus()).isEqualTo("RUNNING");
            assertThat(ip(stillRunning)).isEqualTo(ip(running));
            assertThat(stillRunning.startedAt()).isEqualTo(running.startedAt());
            assertThat(stillRunning.tags()).containsExactly(Tag.builder().key("kept").value("yes").build());
            assertThat(describe(ecs, CLUSTER, stopped.taskArn())).satisfies(task -> {
                assertThat(task.lastStatus()).isEqualTo("STOPPED");
                assertThat(task.stoppedReason()).isEqualTo("done with it");
                assertThat(task.stoppedAt()).isEqualTo(stopped.stoppedAt());
            });
            assertThat(describe(ecs, CLUSTER, provisioning.taskArn()).lastStatus()).isEqualTo("PROVISIONING");
            assertThat(cluster(ecs)).satisfies(c -> {
                assertThat(c.runningTasksCount()).isEqualTo(1);
                assertThat(c.pendingTasksCount()).isEqualTo(1);
            });

            resumed.advance(Duration.ofMinutes(5));
            Task started = describe(ecs, CLUSTER, provisioning.taskArn());
            assertThat(started.lastStatus()).isEqualTo("RUNNING");
            assertThat(started.startedAt()).isEqualTo(provisioning.createdAt().plus(TaskTimings.PROVISIONING)
                    .plus(TaskTimings.IMAGE_PULL).plus(TaskTimings.ACTIVATING));
            assertThat(describe(ecs, CLUSTER, running.taskArn()).lastStatus()).isEqualTo("RUNNING");
            assertThat(run(ecs, CLUSTER, "web", r -> r.clientToken("run-once")).taskArn())
                    .as("RunTask with the same client token answers the same task").isEqualTo(provisioning.taskArn());
            Task later = run(ecs, CLUSTER, "web");
            resumed.advance(Duration.ofSeconds(30));
            assertThat(ip(describe(ecs, CLUSTER, later.taskArn())))
                    .as("a new task gets a new address, not one handed out before the restart")
                    .isNotIn(ip(running), ip(stopped), ip(started));
            assertThat(cluster(ecs).runningTasksCount()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("A task stopped just before the restart finishes stopping after it; a batch container exits on time")
    void lifecyclesInProgressFinish() {
        ManualClock clock = new ManualClock();
        Task stopping;
        Task batch;
        try (Emulator first = Restarts.start(data, clock); EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            register(ecs, "web", web());
            register(ecs, "batch", shell("job", "sleep 60; exit 3"));
            stopping = run(ecs, CLUSTER, "web");
            batch = run(ecs, CLUSTER, "batch");
            clock.advance(Duration.ofSeconds(30));
            ecs.stopTask(b -> b.cluster(CLUSTER).task(stopping.taskArn()));
            clock.advance(Duration.ofSeconds(1));
        }

        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = Restarts.start(data, resumed); EcsClient ecs = AwsClients.ecs(second)) {
            assertThat(describe(ecs, CLUSTER, stopping.taskArn()).lastStatus()).isEqualTo("DEACTIVATING");
            Task job = describe(ecs, CLUSTER, batch.taskArn());
            assertThat(job.lastStatus()).isEqualTo("RUNNING");

            resumed.advance(Duration.ofMinutes(2));
            Task stoppedTask = describe(ecs, CLUSTER, stopping.taskArn());
            Task finishedJob = describe(ecs, CLUSTER, batch.taskArn());

            assertThat(stoppedTask.lastStatus()).isEqualTo("STOPPED");
            assertThat(stoppedTask.containers().get(0).exitCode()).as("nginx exits 0 on SIGTERM").isZero();
            assertThat(finishedJob.lastStatus()).isEqualTo("STOPPED");
            assertThat(finishedJob.stoppedReason()).isEqualTo("Essential container in task exited");
            assertThat(finishedJob.containers().get(0).exitCode()).isEqualTo(3);
            assertThat(finishedJob.stoppingAt()).isEqualTo(job.pullStoppedAt().plus(Duration.ofSeconds(60)));
            assertThat(cluster(ecs).runningTasksCount()).isZero();
        }
    }

    @Test
    @DisplayName("After a crash with no checkpoint, a task started by RunTask is there, with its network interface, beside its cluster and task definition")
    void aTaskOnTheJournalAloneSurvivesACrash(@TempDir Path crashed) {
        // tasks and network interfaces are journaled whole, clusters and task definitions resource by resource: one record holds both
        ManualClock clock = new ManualClock();
        Task started;
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
             EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            register(ecs, "web", web());
            started = run(ecs, CLUSTER, "web");
            Restarts.crashImage(data, crashed);
        }
        ManualClock resumed = new ManualClock(clock.now());
        try (Emulator second = Restarts.start(crashed, resumed); EcsClient ecs = AwsClients.ecs(second)) {
            assertThat(Restarts.report(second)).contains("journal record").doesNotContain("problem");
            Task found = describe(ecs, CLUSTER, started.taskArn());
            assertThat(found.taskDefinitionArn()).isEqualTo(started.taskDefinitionArn());
            assertThat(found.lastStatus()).isEqualTo(started.lastStatus());
            assertThat(found.attachments()).as("its network interface").isEqualTo(started.attachments());
            assertThat(cluster(ecs).pendingTasksCount()).isEqualTo(1);
            resumed.advance(Duration.ofMinutes(5));
            assertThat(describe(ecs, CLUSTER, started.taskArn()).lastStatus()).isEqualTo("RUNNING");
        }
    }

    private static Cluster cluster(EcsClient ecs) {
        return ecs.describeClusters(b -> b.clusters(CLUSTER)).clusters().get(0);
    }

    private static String ip(Task task) {
        return TaskNetworking.privateIpv4Address(task).orElseThrow();
    }
}
