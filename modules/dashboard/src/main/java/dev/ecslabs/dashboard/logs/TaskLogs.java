package dev.ecslabs.dashboard.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Where a task's containers send their output: for each container whose task definition uses the
 * {@code awslogs} driver, its log group and its stream {@code <awslogs-stream-prefix>/<container-name>/<task-id>}
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html). Read through the
 * SDK, so it works on any backend.
 *
 * @param task    the task as DescribeTasks answers it
 * @param streams one per container with awslogs, in the task definition's order
 * @param others  the containers without awslogs (their output is in no log stream)
 */
public record TaskLogs(Task task, List<ContainerStream> streams, List<String> others) {

    /** A container's log stream. */
    public record ContainerStream(String container, String group, String stream) {
    }

    public String taskId() {
        return idOf(task.taskArn());
    }

    public boolean stopped() {
        return "STOPPED".equals(task.lastStatus());
    }

    /**
     * The task named by its id or ARN, looked up in its cluster (an ARN names it) or in every cluster
     * of the account; empty when no cluster has it (stopped tasks are described for about an hour).
     */
    public static Optional<TaskLogs> find(EcsClient ecs, String taskIdOrArn) {
        List<String> clusters = new ArrayList<>();
        int task = taskIdOrArn.indexOf(":task/");
        String[] parts = taskIdOrArn.startsWith("arn:") && task > 0 ? taskIdOrArn.substring(task + 6).split("/") : new String[0];
        if (parts.length == 2) {
            clusters.add(parts[0]); // arn:aws:ecs:<region>:<account>:task/<cluster>/<id>
        } else {
            ecs.listClustersPaginator(b -> { }).clusterArns().forEach(clusters::add);
        }
        for (String cluster : clusters) {
            List<Task> tasks = ecs.describeTasks(b -> b.cluster(cluster).tasks(taskIdOrArn)).tasks();
            if (!tasks.isEmpty()) {
                return Optional.of(of(ecs, tasks.get(0)));
            }
        }
        return Optional.empty();
    }

    /** The streams of a task already described. */
    public static TaskLogs of(EcsClient ecs, Task task) {
        TaskDefinition definition = ecs.describeTaskDefinition(b -> b.taskDefinition(task.taskDefinitionArn())).taskDefinition();
        List<ContainerStream> streams = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            if (container.logConfiguration() == null || container.logConfiguration().logDriver() != LogDriver.AWSLOGS) {
                others.add(container.name());
                continue;
            }
            Map<String, String> options = container.logConfiguration().options();
            String prefix = options.get("awslogs-stream-prefix");
            String stream = (prefix == null || prefix.isBlank() ? "" : prefix + "/") + container.name() + "/" + idOf(task.taskArn());
            streams.add(new ContainerStream(container.name(), options.get("awslogs-group"), stream));
        }
        return new TaskLogs(task, streams, others);
    }

    static String idOf(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
