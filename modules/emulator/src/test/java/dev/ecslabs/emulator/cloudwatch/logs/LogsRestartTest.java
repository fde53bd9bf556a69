package dev.ecslabs.emulator.cloudwatch.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * CloudWatch Logs' state across a restart: from the journal alone (a {@code kill -9} with no
 * checkpoint since the calls), and from a clean stop, after which a group's retention goes on
 * deleting events on the clock. Not an {@code @EmulatorTest}: it starts its emulators itself.
 */
class LogsRestartTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("Groups with retention and tags, streams with their events, and a deleted stream are found after a crash, from the journal alone")
    void journalAloneCarriesLogs() {
        ManualClock clock = new ManualClock();
        Path data = temp.resolve("data");
        try (Emulator first = started(data, clock); CloudWatchLogsClient logs = client(first)) {
            logs.createLogGroup(b -> b.logGroupName("/ecs/web").tags(Map.of("team", "shop")));
            logs.putRetentionPolicy(b -> b.logGroupName("/ecs/web").retentionInDays(7));
            logs.createLogStream(b -> b.logGroupName("/ecs/web").logStreamName("web/app/1"));
            logs.createLogStream(b -> b.logGroupName("/ecs/web").logStreamName("web/app/gone"));
            logs.putLogEvents(b -> b.logGroupName("/ecs/web").logStreamName("web/app/1").logEvents(
                    event(clock.now().toEpochMilli(), "started"), event(clock.now().toEpochMilli() + 5, "ready")));
            logs.deleteLogStream(b -> b.logGroupName("/ecs/web").logStreamName("web/app/gone"));

            Path crashed = Restarts.crashImage(data, temp.resolve("crashed"));
            assertThat(crashed.resolve("state.json")).as("no checkpoint: the journal alone carries the calls").doesNotExist();
            try (Emulator second = started(crashed, new ManualClock(clock.now())); CloudWatchLogsClient after = client(second)) {
                LogGroup group = after.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/web")).logGroups().get(0);
                assertThat(group.retentionInDays()).isEqualTo(7);
                assertThat(after.listTagsForResource(b -> b.resourceArn(group.logGroupArn())).tags()).containsEntry("team", "shop");
                assertThat(after.getLogEvents(b -> b.logGroupName("/ecs/web").logStreamName("web/app/1").startFromHead(true))
                        .events()).extracting(OutputLogEvent::message).containsExactly("started", "ready");
                assertThatThrownBy(() -> after.getLogEvents(b -> b.logGroupName("/ecs/web").logStreamName("web/app/gone")))
                        .isInstanceOf(ResourceNotFoundException.class);
            }
        }
    }

    @Test
    @DisplayName("After a restart, a group's retention still deletes events when they expire, on the resumed clock")
    void retentionResumes() {
        ManualClock clock = new ManualClock();
        Path data = temp.resolve("data");
        try (Emulator first = started(data, clock); CloudWatchLogsClient logs = client(first)) {
            logs.createLogGroup(b -> b.logGroupName("/ecs/short"));
            logs.putRetentionPolicy(b -> b.logGroupName("/ecs/short").retentionInDays(1));
            logs.createLogStream(b -> b.logGroupName("/ecs/short").logStreamName("s"));
            logs.putLogEvents(b -> b.logGroupName("/ecs/short").logStreamName("s").logEvents(event(clock.now().toEpochMilli(), "old")));
        }
        ManualClock resumed = Restarts.resumedClock(data);
        try (Emulator second = started(data, resumed); CloudWatchLogsClient logs = client(second)) {
            assertThat(logs.getLogEvents(b -> b.logGroupName("/ecs/short").logStreamName("s")).events()).hasSize(1);
            resumed.advance(Duration.ofDays(1).plusSeconds(1));
            assertThat(logs.getLogEvents(b -> b.logGroupName("/ecs/short").logStreamName("s")).events()).isEmpty();
        }
    }

    @Test
    @DisplayName("What a task's container wrote through the awslogs driver (on the clock, not in a call) is there after a clean restart")
    void driverOutputSurvivesARestart() {
        ManualClock clock = new ManualClock();
        Path data = temp.resolve("data");
        String taskId;
        try (Emulator first = started(data, clock); CloudWatchLogsClient logs = client(first);
             EcsClient ecs = AwsClients.ecs(first)) {
            logs.createLogGroup(b -> b.logGroupName("/ecs/job"));
            ecs.createCluster(b -> b.clusterName("c"));
            ecs.registerTaskDefinition(r -> r.family("job").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                    .containerDefinitions(c -> c.name("job").image("public.ecr.aws/docker/library/busybox:1.37")
                            .command("sh", "-c", "echo saved line; exit 0").logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS)
                                    .options(Map.of("awslogs-group", "/ecs/job", "awslogs-region", "us-east-1",
                                            "awslogs-stream-prefix", "p")))));
            String arn = ecs.runTask(r -> r.cluster("c").taskDefinition("job").launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))).tasks().get(0).taskArn();
            taskId = arn.substring(arn.lastIndexOf('/') + 1);
            clock.advance(Duration.ofMinutes(2));
        }
        try (Emulator second = started(data, Restarts.resumedClock(data)); CloudWatchLogsClient logs = client(second)) {
            assertThat(logs.getLogEvents(b -> b.logGroupName("/ecs/job").logStreamName("p/job/" + taskId)).events())
                    .extracting(OutputLogEvent::message).containsExactly("saved line");
        }
    }

    private static Emulator started(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
    }

    private static CloudWatchLogsClient client(Emulator emulator) {
        return AwsClients.client(CloudWatchLogsClient.builder(), emulator, "test");
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }
}
