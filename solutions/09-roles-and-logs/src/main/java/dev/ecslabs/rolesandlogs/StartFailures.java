package dev.ecslabs.rolesandlogs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/** Starting a task and, when it never ran, reading from its stoppedReason what its execution role lacked. */
public final class StartFailures {
    /** IAM's sentence for a refused call: "User: <who> is not authorized to perform: <action> on resource: …". */
    private static final Pattern NOT_AUTHORIZED = Pattern.compile("is not authorized to perform: ([\\w-]+:[\\w*-]+)");

    private StartFailures() {
    }

    /** Exercise 09.2: one Fargate task of the definition, once it is RUNNING, or STOPPED without ever running. */
    public static Task runUntilSettled(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                       List<String> subnets) {
        String taskArn = ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets)))).tasks().get(0).taskArn();
        try {
            return waiter.waitUntilTasksRunning(r -> r.cluster(cluster).tasks(taskArn)).matched().response().orElseThrow()
                    .tasks().get(0);
        } catch (SdkClientException stoppedInstead) {
            Task task = ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
            if (!"STOPPED".equals(task.lastStatus())) {
                throw stoppedInstead;
            }
            return task;
        }
    }

    /** Exercise 09.2: the IAM action the task's start was denied (such as ecr:GetAuthorizationToken); empty if none. */
    public static Optional<String> deniedAction(Task task) {
        if (task.stoppedReason() == null) {
            return Optional.empty();
        }
        Matcher denied = NOT_AUTHORIZED.matcher(task.stoppedReason());
        return denied.find() ? Optional.of(denied.group(1)) : Optional.empty();
    }
}
