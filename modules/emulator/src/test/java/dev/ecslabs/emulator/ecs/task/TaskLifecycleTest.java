package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.shell;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Connectivity;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * A Fargate task's life on a manual clock, as the ECS developer guide describes it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html):
 * its states, its timestamps, its containers and its network interface.
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class TaskLifecycleTest {
    static final String CLUSTER = "lifecycle";

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;
    Instant start;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        start = clock.now();
    }

    @Test
    @DisplayName("RunTask answers a PROVISIONING task desired RUNNING; it goes PENDING, ACTIVATING and RUNNING with every timestamp")
    void startsThroughItsStates() {
        register(ecs, "web", web());
        Task started = run(ecs, CLUSTER, "web");

        assertThat(started.lastStatus()).isEqualTo("PROVISIONING");
        assertThat(started.desiredStatus()).isEqualTo("RUNNING");
        assertThat(started.createdAt()).isEqualTo(start);
        assertThat(started.containers()).singleElement().satisfies(c -> assertThat(c.lastStatus()).isEqualTo("PENDING"));
        List<String> seen = statesUntil(started.taskArn(), Duration.ofSeconds(25));

        assertThat(seen).containsExactly("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING");
        Task running = describe(ecs, CLUSTER, started.taskArn());
        assertThat(running.connectivity()).isEqualTo(Connectivity.CONNECTED);
        assertThat(running.connectivityAt()).isEqualTo(start.plus(TaskTimings.PROVISIONING));
        assertThat(running.pullStartedAt()).isEqualTo(start.plus(TaskTimings.PROVISIONING));
        assertThat(running.pullStoppedAt()).isEqualTo(running.pullStartedAt().plus(TaskTimings.IMAGE_PULL));
        assertThat(running.startedAt()).isEqualTo(running.pullStoppedAt().plus(TaskTimings.ACTIVATING));
        assertThat(Duration.between(start, running.startedAt())).as("RunTask to RUNNING, in AWS time")
                .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
        assertThat(running.version()).isGreaterThan(started.version());
        assertThat(running.platformVersion()).isEqualTo("1.4.0");
        Container web = running.containers().get(0);
        assertThat(web.lastStatus()).isEqualTo("RUNNING");
        assertThat(web.imageDigest()).startsWith("sha256:");
        assertThat(web.runtimeId()).startsWith(running.taskArn().substring(running.taskArn().lastIndexOf('/') + 1));
        assertThat(web.exitCode()).isNull();
    }

    @Test
    @DisplayName("The ENI attachment is PRECREATED, then ATTACHED with a private IP from its subnet; each task gets a new IP")
    void attachesANetworkInterface() {
        register(ecs, "web", web());
        Task first = run(ecs, CLUSTER, "web", r -> r.networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                .subnets("subnet-0ec5c0ffee000000b"))));
        Task second = run(ecs, CLUSTER, "web", r -> r.networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                .subnets("subnet-0ec5c0ffee000000b"))));

        Attachment precreated = first.attachments().get(0);
        assertThat(precreated.type()).isEqualTo("ElasticNetworkInterface");
        assertThat(precreated.status()).isEqualTo("PRECREATED");
        assertThat(details(precreated)).containsExactly("subnetId=subnet-0ec5c0ffee000000b");
        clock.advance(TaskTimings.PROVISIONING);
        Task attachedFirst = describe(ecs, CLUSTER, first.taskArn());
        Task attachedSecond = describe(ecs, CLUSTER, second.taskArn());

        Attachment eni = attachedFirst.attachments().get(0);
        assertThat(eni.status()).isEqualTo("ATTACHED");
        assertThat(details(eni)).extracting(d -> d.substring(0, d.indexOf('='))).containsExactly(
                "subnetId", "networkInterfaceId", "macAddress", "privateDnsName", "privateIPv4Address");
        String ip = ip(attachedFirst);
        assertThat(ip).as("an address of subnet b, 172.31.16.0/20").matches("172\\.31\\.(1[6-9]|2\\d|3[01])\\.\\d+");
        assertThat(ip(attachedSecond)).isNotEqualTo(ip);
        assertThat(details(eni)).contains("privateDnsName=ip-" + ip.replace('.', '-') + ".ec2.internal");
        assertThat(attachedFirst.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(attachedFirst.containers().get(0).networkInterfaces()).singleElement().satisfies(n -> {
            assertThat(n.attachmentId()).isEqualTo(eni.id());
            assertThat(n.privateIpv4Address()).isEqualTo(ip);
        });
    }

    @Test
    @DisplayName("A batch container that exits 0 stops its task: EssentialContainerExited, \"Essential container in task exited\", exit code 0")
    void batchJobExitsZero() {
        register(ecs, "job", shell("job", "sleep 5; exit 0"));
        Task job = run(ecs, CLUSTER, "job");

        clock.advance(Duration.ofMinutes(1));
        Task stopped = describe(ecs, CLUSTER, job.taskArn());

        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.containers().get(0).exitCode()).isZero();
        assertThat(stopped.containers().get(0).lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stoppingAt()).as("the container exited five seconds after it started")
                .isEqualTo(stopped.pullStoppedAt().plusSeconds(5));
        assertThat(stopped.executionStoppedAt()).isAfterOrEqualTo(stopped.stoppingAt());
        assertThat(stopped.stoppedAt()).isEqualTo(stopped.executionStoppedAt().plus(TaskTimings.DEPROVISIONING));
        assertThat(stopped.attachments().get(0).status()).isEqualTo("DELETED");
    }

    @Test
    @DisplayName("A crash, sh -c \"sleep 5; exit 3\", reports exit code 3")
    void crashReportsItsExitCode() {
        register(ecs, "crash", shell("crash", "sleep 5; exit 3"));
        Task crash = run(ecs, CLUSTER, "crash");

        clock.advance(Duration.ofMinutes(1));

        Task stopped = describe(ecs, CLUSTER, crash.taskArn());
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
    }

    @Test
    @DisplayName("A non-essential container's exit leaves the task RUNNING")
    void nonEssentialExitKeepsTheTask() {
        register(ecs, "with-helper", web(), shell("helper", "sleep 2; exit 1").toBuilder().essential(false).build());
        Task task = run(ecs, CLUSTER, "with-helper");

        clock.advance(Duration.ofMinutes(1));

        Task running = describe(ecs, CLUSTER, task.taskArn());
        assertThat(running.lastStatus()).isEqualTo("RUNNING");
        assertThat(running.desiredStatus()).isEqualTo("RUNNING");
        assertThat(container(running, "helper").lastStatus()).isEqualTo("STOPPED");
        assertThat(container(running, "helper").exitCode()).isEqualTo(1);
        assertThat(container(running, "web").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("StopTask sets desired STOPPED at once; the task goes DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED, nginx exiting 0")
    void stopsThroughItsStates() {
        register(ecs, "web", web());
        Task task = run(ecs, CLUSTER, "web");
        clock.advance(Duration.ofSeconds(30));
        Instant stopAt = clock.now();

        Task answered = ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("Scaling down")).task();
        List<String> seen = statesUntil(task.taskArn(), Duration.ofSeconds(20));

        assertThat(answered.lastStatus()).isEqualTo("RUNNING");
        assertThat(answered.desiredStatus()).isEqualTo("STOPPED");
        assertThat(answered.stopCode()).isEqualTo(TaskStopCode.USER_INITIATED);
        assertThat(answered.stoppedReason()).isEqualTo("Scaling down");
        assertThat(seen).containsExactly("RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED");
        Task stopped = describe(ecs, CLUSTER, task.taskArn());
        assertThat(stopped.stoppingAt()).isEqualTo(stopAt);
        assertThat(stopped.executionStoppedAt()).as("nginx stops gracefully, a second after SIGTERM")
                .isEqualTo(stopAt.plus(TaskTimings.DEACTIVATING).plusSeconds(1));
        assertThat(stopped.stoppedAt()).isEqualTo(stopped.executionStoppedAt().plus(TaskTimings.DEPROVISIONING));
        assertThat(stopped.containers().get(0).exitCode()).isZero();
    }

    @Test
    @DisplayName("A shell ignores SIGTERM as process 1: it is killed when stopTimeout runs out, with exit code 137")
    void shellIsKilledAfterItsStopTimeout() {
        register(ecs, "sleeper", shell("sleeper", "sleep 3600"),
                shell("quick", "sleep 3600").toBuilder().essential(false).stopTimeout(5).build());
        Task task = run(ecs, CLUSTER, "sleeper");
        clock.advance(Duration.ofSeconds(30));
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        Instant signalled = clock.now().plus(TaskTimings.DEACTIVATING);

        clock.advance(Duration.ofSeconds(20));
        Task stopping = describe(ecs, CLUSTER, task.taskArn());
        clock.advance(Duration.ofMinutes(1));
        Task stopped = describe(ecs, CLUSTER, task.taskArn());

        assertThat(stopping.lastStatus()).isEqualTo("STOPPING");
        assertThat(container(stopping, "quick").exitCode()).as("killed after its stopTimeout of 5 s").isEqualTo(137);
        assertThat(container(stopping, "sleeper").lastStatus()).isEqualTo("RUNNING");
        assertThat(container(stopped, "sleeper").exitCode()).isEqualTo(137);
        assertThat(stopped.executionStoppedAt()).as("killed after the default stopTimeout of 30 s")
                .isEqualTo(signalled.plus(TaskTimings.DEFAULT_STOP_TIMEOUT));
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
    }

    @Test
    @DisplayName("A program without a SIGTERM handler of its own ends on it with exit code 143")
    void programEndsOnSigterm() {
        register(ecs, "collector", ContainerDefinition.builder().name("collector")
                .image("public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1").build());
        Task task = run(ecs, CLUSTER, "collector");
        clock.advance(Duration.ofSeconds(30));

        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        clock.advance(Duration.ofSeconds(30));

        assertThat(describe(ecs, CLUSTER, task.taskArn()).containers().get(0).exitCode()).isEqualTo(143);
    }

    @Test
    @DisplayName("An image that does not exist: TaskFailedToStart with CannotPullContainerError, and the task never RUNNING")
    void missingImageFailsToStart() {
        String missing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:does-not-exist";
        register(ecs, "broken", ContainerDefinition.builder().name("web").image(missing).build());
        Task task = run(ecs, CLUSTER, "broken");

        List<String> seen = statesUntil(task.taskArn(), Duration.ofMinutes(1));

        assertThat(seen).containsExactly("PROVISIONING", "PENDING", "DEPROVISIONING", "STOPPED");
        Task stopped = describe(ecs, CLUSTER, task.taskArn());
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).isEqualTo("CannotPullContainerError: pull image manifest has been retried 5 "
                + "time(s): failed to resolve ref " + missing + ": pull access denied, repository does not exist or may "
                + "require authorization: server message: insufficient_scope: authorization failed");
        assertThat(stopped.containers().get(0).reason()).isEqualTo(stopped.stoppedReason());
        assertThat(stopped.containers().get(0).exitCode()).isNull();
        assertThat(stopped.startedAt()).isNull();
        assertThat(stopped.pullStoppedAt()).as("the pull never finished").isNull();
    }

    @Test
    @DisplayName("A public image's unknown tag is \"not found\"; an unknown public repository is \"pull access denied\"")
    void publicImagesComeFromTheCatalogue() {
        register(ecs, "bad-tag", ContainerDefinition.builder().name("web").image("nginx:no-such-tag").build());
        register(ecs, "bad-repo", ContainerDefinition.builder().name("web").image("no-such-image").build());
        Task badTag = run(ecs, CLUSTER, "bad-tag");
        Task badRepo = run(ecs, CLUSTER, "bad-repo");

        clock.advance(Duration.ofMinutes(1));

        assertThat(describe(ecs, CLUSTER, badTag.taskArn()).stoppedReason()).endsWith(
                "failed to resolve ref docker.io/library/nginx:no-such-tag: docker.io/library/nginx:no-such-tag: not found");
        assertThat(describe(ecs, CLUSTER, badRepo.taskArn()).stoppedReason())
                .contains("failed to resolve ref docker.io/library/no-such-image:latest: pull access denied");
    }

    @Test
    @DisplayName("StopTask while PROVISIONING goes straight to DEPROVISIONING: no container ever ran")
    void stopWhileProvisioning() {
        register(ecs, "web", web());
        Task task = run(ecs, CLUSTER, "web");

        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        List<String> seen = statesUntil(task.taskArn(), Duration.ofSeconds(30));

        assertThat(seen).containsExactly("PROVISIONING", "DEPROVISIONING", "STOPPED");
        Task stopped = describe(ecs, CLUSTER, task.taskArn());
        assertThat(stopped.containers().get(0).lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.containers().get(0).exitCode()).isNull();
        assertThat(stopped.pullStartedAt()).isNull();
    }

    @Test
    @DisplayName("A STOPPED task stays describable for an hour, then DescribeTasks reports it MISSING")
    void stoppedTasksExpireAfterAnHour() {
        register(ecs, "job", shell("job", "exit 0"));
        Task job = run(ecs, CLUSTER, "job");
        clock.advance(Duration.ofMinutes(1));
        Instant stoppedAt = describe(ecs, CLUSTER, job.taskArn()).stoppedAt();

        clock.advance(Duration.between(clock.now(), stoppedAt.plus(TaskTimings.STOPPED_TASK_RETENTION)).minusSeconds(1));
        Task stillThere = describe(ecs, CLUSTER, job.taskArn());
        clock.advance(Duration.ofSeconds(1));
        var gone = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(job.taskArn()));

        assertThat(stillThere.lastStatus()).isEqualTo("STOPPED");
        assertThat(gone.tasks()).isEmpty();
        assertThat(gone.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo(job.taskArn());
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }

    /** The lastStatus values the task goes through, one describe per emulated second. */
    private List<String> statesUntil(String taskArn, Duration duration) {
        List<String> seen = new ArrayList<>();
        for (long second = 0; second <= duration.toSeconds(); second++) {
            String status = describe(ecs, CLUSTER, taskArn).lastStatus();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        return seen;
    }

    static Container container(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static String ip(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .map(KeyValuePair::value).findFirst().orElseThrow();
    }

    private static List<String> details(Attachment attachment) {
        return attachment.details().stream().map(d -> d.name() + "=" + d.value()).toList();
    }
}
