package dev.ecslabs.emulator.ecs.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS Exec's ExecuteCommand, as the ECS API reference and developer guide describe it
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommand.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html).
 */
@EmulatorTest(account = "123456789012")
class ExecuteCommandTest {
    static ManualClock clock;
    static EcsClient ecs;

    @BeforeEach
    void cluster() {
        ecs.createCluster(b -> b.clusterName("exec"));
        ecs.registerTaskDefinition(b -> b.family("shell").requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .taskRoleArn("arn:aws:iam::123456789012:role/exec")
                .containerDefinitions(c -> c.name("app").image("public.ecr.aws/nginx/nginx:1.27")));
    }

    @Test
    @DisplayName("A task run with enableExecuteCommand answers an interactive session once it is RUNNING")
    void sessionWhenEnabled() {
        Task task = run(true);
        clock.advance(Duration.ofMinutes(1));

        ExecuteCommandResponse answer = ecs.executeCommand(b -> b.cluster("exec").task(task.taskArn())
                .command("/bin/sh").interactive(true));

        assertThat(answer.taskArn()).isEqualTo(task.taskArn());
        assertThat(answer.containerName()).isEqualTo("app");
        assertThat(answer.interactive()).isTrue();
        assertThat(answer.session().sessionId()).startsWith("ecs-execute-command-");
        assertThat(answer.session().streamUrl()).startsWith("wss://ssmmessages.us-east-1.amazonaws.com/");
        assertThat(answer.session().tokenValue()).isNotBlank();
    }

    @Test
    @DisplayName("A task run without enableExecuteCommand gets AWS's InvalidParameterException; so does interactive false")
    void refusedWhenNotEnabled() {
        Task task = run(false);
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> ecs.executeCommand(b -> b.cluster("exec").task(task.taskArn()).command("ls").interactive(true)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("execute command was not enabled when the task was run");
        Task enabled = run(true);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> ecs.executeCommand(b -> b.cluster("exec").task(enabled.taskArn()).command("ls").interactive(false)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Interactive is the only mode");
    }

    private static Task run(boolean enableExecuteCommand) {
        return ecs.runTask(b -> b.cluster("exec").taskDefinition("shell").launchType(LaunchType.FARGATE)
                .enableExecuteCommand(enableExecuteCommand)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))).tasks().get(0);
    }
}
