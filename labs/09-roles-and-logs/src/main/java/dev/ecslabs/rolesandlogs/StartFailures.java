package dev.ecslabs.rolesandlogs;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/** Starting a task and, when it never ran, reading from its stoppedReason what its execution role lacked. */
public final class StartFailures {
    private StartFailures() {
    }

    /** Exercise 09.2: one Fargate task of the definition, once it is RUNNING, or STOPPED without ever running. */
    public static Task runUntilSettled(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                       List<String> subnets) {
        // TODO: run one Fargate task in the subnets and return it as last described, once it is RUNNING or has STOPPED instead
        throw new NotDoneYet();
    }

    /** Exercise 09.2: the IAM action the task's start was denied (such as ecr:GetAuthorizationToken); empty if none. */
    public static Optional<String> deniedAction(Task task) {
        // TODO: read the action IAM refused from the task's stoppedReason ("is not authorized to perform: <action>"); empty when there is none
        throw new NotDoneYet();
    }
}
