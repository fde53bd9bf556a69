package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * The awslogs log driver with simulated containers, on a manual clock
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html): each container's
 * output goes to {@code <awslogs-stream-prefix>/<container-name>/<task-id>} in {@code awslogs-group},
 * each line at the time it is written; a missing group stops the task unless {@code awslogs-create-group}.
 */
@EmulatorTest(account = "123412341234")
class AwsLogsDriverTest {
    static final String CLUSTER = "logs";
    static final Duration TO_START = TaskTimings.PROVISIONING.plus(TaskTimings.IMAGE_PULL);

    static ManualClock clock;
    static Emulator emulator;
    static EcsClient ecs;
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void cluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        logs.createLogGroup(b -> b.logGroupName("/ecs/jobs"));
    }

    @Test
    @DisplayName("A job's echo lines arrive in <prefix>/<container>/<task-id>, each at its time on the clock, stderr (>&2) too")
    void simulatedOutputOnTheClock() {
        register(ecs, "echoes", awslogs(shell("job", "echo starting; sleep 5; echo \"half way\" >&2; sleep 5; "
                + "printf 'done %s\\n' now; exit 3"), "/ecs/jobs", "app", false));
        Task task = run(ecs, CLUSTER, "echoes");
        String stream = "app/job/" + taskId(task);

        clock.advance(TO_START.plusSeconds(30));

        List<OutputLogEvent> events = logs.getLogEvents(b -> b.logGroupName("/ecs/jobs").logStreamName(stream).startFromHead(true))
                .events();
        assertThat(events).extracting(OutputLogEvent::message).containsExactly("starting", "half way", "done now");
        assertThat(events.get(1).timestamp() - events.get(0).timestamp()).isEqualTo(5_000);
        assertThat(events.get(2).timestamp() - events.get(1).timestamp()).isEqualTo(5_000);
        Task stopped = describe(ecs, CLUSTER, task.taskArn());
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
        assertThat(events.get(2).timestamp()).isLessThanOrEqualTo(stopped.executionStoppedAt().toEpochMilli());
    }

    @Test
    @DisplayName("Without the log group the task stops before its container starts, with the Fargate agent's ResourceInitializationError")
    void missingGroupStopsTheTask() {
        register(ecs, "no-group", awslogs(shell("job", "echo never"), "/ecs/missing", "app", false));
        Task task = run(ecs, CLUSTER, "no-group");

        clock.advance(TO_START.plusSeconds(60));

        Task stopped = describe(ecs, CLUSTER, task.taskArn());
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).isEqualTo("ResourceInitializationError: failed to validate logger args: create stream "
                + "has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log "
                + "group does not exist. : exit status 1");
        assertThat(stopped.containers().get(0).exitCode()).isNull();
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/missing")).logGroups()).isEmpty();
    }

    @Test
    @DisplayName("awslogs-create-group=true creates the group when the container starts, with its stream")
    void createGroup() {
        register(ecs, "create-group", awslogs(shell("job", "echo made it"), "/ecs/created", "web", true));
        Task task = run(ecs, CLUSTER, "create-group");

        clock.advance(TO_START.plusSeconds(30));

        assertThat(logs.describeLogStreams(b -> b.logGroupName("/ecs/created")).logStreams()).extracting(LogStream::logStreamName)
                .containsExactly("web/job/" + taskId(task));
        assertThat(logs.filterLogEvents(b -> b.logGroupName("/ecs/created").filterPattern("\"made it\"")).events()).hasSize(1);
    }

    @Test
    @DisplayName("A line due after the task was stopped is never written; a container without awslogs writes nowhere")
    void stoppedContainersWriteNoMore() {
        register(ecs, "sleeper", awslogs(shell("job", "echo awake; sleep 60; echo late"), "/ecs/jobs", "sleepy", false),
                shell("quiet", "echo unseen; sleep 600"));
        Task task = run(ecs, CLUSTER, "sleeper");
        clock.advance(TO_START.plusSeconds(20));
        ecs.stopTask(b -> b.cluster(CLUSTER).task(task.taskArn()));
        clock.advance(Duration.ofSeconds(120));

        assertThat(logs.getLogEvents(b -> b.logGroupName("/ecs/jobs").logStreamName("sleepy/job/" + taskId(task))).events())
                .extracting(OutputLogEvent::message).containsExactly("awake");
        assertThat(logs.filterLogEvents(b -> b.logGroupName("/ecs/jobs").filterPattern("unseen")).events()).isEmpty();
    }

    @Test
    @DisplayName("awslogs-region names another Region: the lines go to that Region's CloudWatch Logs of the same account, "
            + "its group created there with awslogs-create-group, none in the task's Region")
    void anotherRegion() {
        register(ecs, "abroad", inRegion(awslogs(shell("job", "echo bonjour"), "/ecs/abroad", "app", true), "eu-west-3"));
        Task task = run(ecs, CLUSTER, "abroad");

        clock.advance(TO_START.plusSeconds(30));

        try (CloudWatchLogsClient paris = CloudWatchLogsClient.builder().endpointOverride(emulator.url())
                .region(Region.EU_WEST_3).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("123412341234", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            assertThat(paris.getLogEvents(b -> b.logGroupName("/ecs/abroad").logStreamName("app/job/" + taskId(task))
                    .startFromHead(true)).events()).extracting(OutputLogEvent::message).containsExactly("bonjour");
            assertThat(paris.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/abroad")).logGroups().get(0).arn())
                    .startsWith("arn:aws:logs:eu-west-3:123412341234:log-group:/ecs/abroad");
        }
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/abroad")).logGroups())
                .as("nothing in the task's Region, us-east-1").isEmpty();
    }

    @Test
    @DisplayName("awslogs-region names no Region: the task stops before its container starts, the log driver unable to "
            + "reach logs.<region>.amazonaws.com")
    void noSuchRegion() {
        register(ecs, "nowhere", inRegion(awslogs(shell("job", "echo lost"), "/ecs/jobs", "app", false), "mars-north-1"));
        Task task = run(ecs, CLUSTER, "nowhere");

        clock.advance(TO_START.plusSeconds(30));

        Task stopped = describe(ecs, CLUSTER, task.taskArn());
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).startsWith("ResourceInitializationError: failed to validate logger args")
                .contains("lookup logs.mars-north-1.amazonaws.com: no such host");
        assertThat(stopped.containers().get(0).exitCode()).isNull();
    }

    static ContainerDefinition inRegion(ContainerDefinition container, String region) {
        Map<String, String> options = new java.util.HashMap<>(container.logConfiguration().options());
        options.put("awslogs-region", region);
        return container.toBuilder().logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(options)).build();
    }

    static ContainerDefinition awslogs(ContainerDefinition container, String group, String prefix, boolean createGroup) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("awslogs-group", group, "awslogs-region", "us-east-1",
                "awslogs-stream-prefix", prefix));
        if (createGroup) {
            options.put("awslogs-create-group", "true");
        }
        return container.toBuilder().logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(options)).build();
    }

    static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }
}
