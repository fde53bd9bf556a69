package dev.ecslabs.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The awslogs driver with a real process: what a Jib-built Java app prints on stdout reaches its
 * log stream, stamped with the emulator's clock (scaled 20 times, so not the wall clock).
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED, speed = 20, account = "210987650000")
class AwsLogsProcessTest {
    static EcsClient ecs;
    static EcrClient ecr;
    static CloudWatchLogsClient logs;
    static EcsWaiter waiter;
    static String image;

    @BeforeAll
    static void start(@TempDir Path work) throws Exception {
        waiter = EcsWaiter.builder().client(ecs).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(600).build()).build();
        ecs.createCluster(b -> b.clusterName("real"));
        String uri = ecr.createRepository(b -> b.repositoryName("hello")).repository().repositoryUri();
        JavaAppImages.push(ecr, uri, "1", work);
        image = uri + ":1";
    }

    @AfterAll
    static void stop() {
        waiter.close();
    }

    @Test
    @DisplayName("A real JVM's stdout lines arrive in app/app/<task-id> of the group awslogs-create-group made, timestamped on the emulator's clock")
    void realProcessOutput() {
        String family = ecs.registerTaskDefinition(r -> r.family("printer").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::210987650000:role/ecsTaskExecutionRole").containerDefinitions(c -> c.name("app").image(image)
                        .essential(true).environment(KeyValuePair.builder().name("EXIT_AFTER_MS").value("300").build())
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/printer",
                                "awslogs-region", "us-east-1", "awslogs-stream-prefix", "app", "awslogs-create-group", "true")))))
                .taskDefinition().taskDefinitionArn();
        Task task = ecs.runTask(r -> r.cluster("real").taskDefinition(family).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                        .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED)))).tasks().get(0);
        waiter.waitUntilTasksStopped(r -> r.cluster("real").tasks(task.taskArn()));
        Task stopped = ecs.describeTasks(r -> r.cluster("real").tasks(task.taskArn())).tasks().get(0);
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        List<OutputLogEvent> events = logs.getLogEvents(b -> b.logGroupName("/ecs/printer").logStreamName("app/app/" + taskId)
                .startFromHead(true)).events();
        assertThat(events).extracting(OutputLogEvent::message).contains("job running");
        long printed = events.stream().filter(e -> e.message().equals("job running")).findFirst().orElseThrow().timestamp();
        assertThat(printed).as("on the emulator's clock: after the image was pulled, before the task stopped")
                .isBetween(stopped.pullStoppedAt().toEpochMilli(), stopped.stoppedAt().toEpochMilli());
    }
}
