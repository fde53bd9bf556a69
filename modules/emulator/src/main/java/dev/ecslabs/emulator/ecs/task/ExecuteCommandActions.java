package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandRequest;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.Session;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS Exec's ExecuteCommand: for a RUNNING task started with {@code enableExecuteCommand}, an
 * interactive session as AWS describes it (an SSM session id, its stream URL and token); no shell
 * is behind it. Without {@code enableExecuteCommand}, AWS's InvalidParameterException
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommand.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html).
 */
public final class ExecuteCommandActions implements ActionGroup {

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "ExecuteCommand", ExecuteCommandRequest::builder, this::executeCommand);
    }

    ExecuteCommandResponse executeCommand(RequestContext context, ExecuteCommandRequest request) {
        Cluster cluster = Clusters.of(context.state()).requireActive(request.cluster());
        Task task = Tasks.of(context.state()).find(request.task())
                .filter(run -> run.task().clusterArn().equals(cluster.clusterArn())).map(TaskRun::task)
                .orElseThrow(() -> EcsErrors.invalidParameter("The specified task was not found: no task '" + request.task()
                        + "' in the cluster " + cluster.clusterName() + "."));
        if (!Boolean.TRUE.equals(request.interactive())) {
            throw EcsErrors.invalidParameter("Interactive is the only mode supported currently: set interactive to true.");
        }
        if (!Boolean.TRUE.equals(task.enableExecuteCommand())) {
            // AWS's own words for a task run without enableExecuteCommand.
            throw EcsErrors.invalidParameter("The execute command failed because execute command was not enabled when "
                    + "the task was run or the execute command agent isn't running. Wait and try again or run a new task "
                    + "with execute command enabled and try again.");
        }
        Container container = container(task, request.container());
        if (!TaskStatus.RUNNING.name().equals(task.lastStatus()) || !TaskStatus.RUNNING.name().equals(container.lastStatus())) {
            throw new AwsException("TargetNotConnectedException", "The execute command failed due to an internal error. "
                    + "Try again later. (The container " + container.name() + " is " + container.lastStatus()
                    + ", not RUNNING: its execute command agent is not connected yet.)");
        }
        String sessionId = "ecs-execute-command-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        Session session = Session.builder()
                .sessionId(sessionId)
                .streamUrl("wss://ssmmessages." + context.region() + ".amazonaws.com/v1/data-channel/" + sessionId
                        + "?role=publish_subscribe&cell-number=AAEAAQ")
                .tokenValue(token())
                .build();
        return ExecuteCommandResponse.builder()
                .clusterArn(cluster.clusterArn())
                .taskArn(task.taskArn())
                .containerArn(container.containerArn())
                .containerName(container.name())
                .interactive(true)
                .session(session)
                .build();
    }

    /** The container a request names; a task of one container needs no name. */
    private static Container container(Task task, String name) {
        if (name == null || name.isEmpty()) {
            if (task.containers().size() != 1) {
                throw EcsErrors.invalidParameter("The task has " + task.containers().size() + " containers: name the one "
                        + "to run the command in (container).");
            }
            return task.containers().get(0);
        }
        return task.containers().stream().filter(c -> name.equals(c.name())).findFirst()
                .orElseThrow(() -> EcsErrors.invalidParameter("The task has no container named '" + name + "'; its "
                        + "containers are " + task.containers().stream().map(Container::name).toList() + "."));
    }

    private static String token() {
        byte[] bytes = new byte[96];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
