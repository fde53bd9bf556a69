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
        // TODO: create the cluster with the capacity providers FARGATE and FARGATE_SPOT and the default capacity provider strategy FARGATE (base 1, weight 1) then FARGATE_SPOT (weight 3); return the cluster
        throw new NotDoneYet();
    }

    /** Exercise 03.2: one task of the task definition, started on Fargate in the subnets and RUNNING. */
    public static Task runAndWait(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                  List<String> subnets) {
        // TODO: run one task with launchType FARGATE and an awsvpcConfiguration of the subnets (assignPublicIp ENABLED), wait with waiter.waitUntilTasksRunning, and return the task as the waiter last described it
        throw new NotDoneYet();
    }

    /** Exercise 03.3: the private IP address Fargate gave the task. */
    public static String privateIpOf(Task task) {
        // TODO: find the task's attachment of type ElasticNetworkInterface and return the value of its detail named privateIPv4Address
        throw new NotDoneYet();
    }

    /** Exercise 03.4: a batch job run to its end: the task once it is STOPPED. */
    public static Task runToCompletion(EcsClient ecs, EcsWaiter waiter, String cluster, String taskDefinition,
                                       List<String> subnets) {
        // TODO: run one task on FARGATE in the subnets, wait with waiter.waitUntilTasksStopped, and return the STOPPED task the waiter last described
        throw new NotDoneYet();
    }

    /** Exercise 03.4: how a container of a stopped task ended. */
    public static int exitCodeOf(Task task, String containerName) {
        // TODO: return the exitCode of the task's container with this name
        throw new NotDoneYet();
    }

    /** Exercise 03.5: why a task did not reach RUNNING, as "stopCode: stoppedReason"; empty when it runs. */
    public static Optional<String> whyItDidNotStart(EcsClient ecs, EcsWaiter waiter, String cluster, String taskArn) {
        // TODO: wait with waiter.waitUntilTasksRunning; if it fails (SdkClientException) and the task is STOPPED, describe it and return its stopCode and stoppedReason joined by ": "; return empty if it runs
        throw new NotDoneYet();
    }

    /** Exercise 03.6: one run of the task definition with another command for one of its containers. */
    public static Task runWithCommand(EcsClient ecs, String cluster, String taskDefinition, List<String> subnets,
                                      String containerName, List<String> command) {
        // TODO: run one task on FARGATE in the subnets with overrides whose containerOverride gives the container this command; return the task RunTask answered
        throw new NotDoneYet();
    }

    /** Exercise 03.7: a task stopped for a reason, once it is STOPPED. */
    public static Task stopAndWait(EcsClient ecs, EcsWaiter waiter, String cluster, String taskArn, String reason) {
        // TODO: stop the task with this reason, wait with waiter.waitUntilTasksStopped, and return the STOPPED task
        throw new NotDoneYet();
    }

    /** Exercise 03.8: the ARNs of a family's tasks with this desired status, from every page. */
    public static List<String> taskArnsOfFamily(EcsClient ecs, String cluster, String family, DesiredStatus desiredStatus) {
        // TODO: walk ecs.listTasksPaginator(...) with the cluster, family and desiredStatus filters and return every task ARN
        throw new NotDoneYet();
    }
}
