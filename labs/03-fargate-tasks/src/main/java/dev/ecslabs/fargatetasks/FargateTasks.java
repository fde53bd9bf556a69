package dev.ecslabs.fargatetasks;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/** Running the web app and batch jobs as Fargate tasks: start them, watch them, read what happened, stop them. */
public final class FargateTasks {
    /** Fargate's two capacity providers: on-demand capacity, and spare capacity at a discount that AWS can take back. */
    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";

    private FargateTasks() {
    }

    /** Exercise 03.1: a cluster whose tasks go to Fargate and Fargate Spot by default. */
    public static Cluster createFargateCluster(EcsClient ecs, String name) {
        // TODO: create the cluster with Fargate and Fargate Spot, by default FARGATE (base 1, weight 1) then FARGATE_SPOT (weight 3); return it
        throw new NotDoneYet();
    }

    /** Exercise 03.2: one task of the task definition, started on Fargate in the subnets and RUNNING. */
    public static Task runAndWait(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                  List<String> subnets) {
        // TODO: run one Fargate task in the subnets (public IP ENABLED), wait until it is RUNNING, and return it as last described
        throw new NotDoneYet();
    }

    /** Exercise 03.3: the private IP address Fargate gave the task. */
    public static String privateIpOf(Task task) {
        // TODO: return the private IPv4 address of the task's network interface
        throw new NotDoneYet();
    }

    /** Exercise 03.4: a batch job run to its end: the task once it is STOPPED. */
    public static Task runToCompletion(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                       List<String> subnets) {
        // TODO: run one Fargate task in the subnets, wait until it is STOPPED, and return it as last described
        throw new NotDoneYet();
    }

    /** Exercise 03.4: how a container of a stopped task ended. */
    public static int exitCodeOf(Task task, String containerName) {
        // TODO: return the exit code of the task's container with this name
        throw new NotDoneYet();
    }

    /** Exercise 03.5: why a task did not reach RUNNING, as "stopCode: stoppedReason"; empty when it runs. */
    public static Optional<String> whyItDidNotStart(EcsClient ecs, EcsWaiter waiter, String cluster, String taskArn) {
        // TODO: wait for the task to run; if it stopped instead, return its stop code and reason as "code: reason"; empty if it runs
        throw new NotDoneYet();
    }

    /** Exercise 03.6: one run of the task definition with another command for one of its containers. */
    public static Task runWithCommand(EcsClient ecs, String cluster, String taskDefinition, List<String> subnets,
                                      String containerName, List<String> command) {
        // TODO: run one Fargate task in the subnets whose container containerName runs command instead of its own; return the task
        throw new NotDoneYet();
    }

    /** Exercise 03.7: a task stopped for a reason, once it is STOPPED. */
    public static Task stopAndWait(EcsClient ecs, EcsWaiter waiter, String cluster, String taskArn, String reason) {
        // TODO: stop the task, giving this reason, and return it once it is STOPPED
        throw new NotDoneYet();
    }

    /** Exercise 03.8: the ARNs of a family's tasks with this desired status, from every page. */
    public static List<String> taskArnsOfFamily(EcsClient ecs, String cluster, String family, DesiredStatus desiredStatus) {
        // TODO: return the ARN of every task of the family in the cluster with this desired status, across all pages
        throw new NotDoneYet();
    }

    /** Exercise 03.9: the course's own app as a Fargate task definition; answers its ARN. */
    public static String registerCourseApp(EcsClient ecs, String family, String image) {
        // TODO: register a Fargate task definition (awsvpc, cpu 256, memory 512) whose essential container "app" runs image with container port 8080 mapped; return its ARN
        throw new NotDoneYet();
    }
}
