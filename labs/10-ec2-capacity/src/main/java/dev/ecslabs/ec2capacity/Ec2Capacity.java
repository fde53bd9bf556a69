package dev.ecslabs.ec2capacity;

import dev.ecslabs.labkit.NotDoneYet;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The EC2 launch type with a capacity provider: an Auto Scaling group of container instances,
 * tasks placed on them in bridge mode, placement strategies and constraints, managed scaling and
 * draining.
 */
public final class Ec2Capacity {
    /** The instance type the group launches: 2 vCPU (2048 CPU units), 4 GiB. */
    public static final String INSTANCE_TYPE = "t3.medium";
    /** The launch template of the ECS-optimized AMI the group's instances boot from. */
    public static final String LAUNCH_TEMPLATE = "ecs-optimized";
    /** The group's tag that names the cluster its instances join (the user data's ECS_CLUSTER on AWS). */
    public static final String CLUSTER_TAG = "ECS_CLUSTER";
    public static final int MAX_INSTANCES = 3;

    private Ec2Capacity() {
    }

    /** Exercise 10.1: an Auto Scaling group of 0 to 3 t3.medium instances, one to begin with; its ARN. */
    public static String createAutoScalingGroup(AutoScalingClient autoScaling, String groupName, String cluster,
                                                List<String> subnets) {
        // TODO: create the group (0 to MAX_INSTANCES, desired 1) in the subnets from LAUNCH_TEMPLATE with INSTANCE_TYPE, new instances protected from scale in, tagged CLUSTER_TAG=cluster; return its ARN
        throw new NotDoneYet();
    }

    /** Exercise 10.2: a capacity provider of the group, with managed scaling and termination protection, the cluster's default. */
    public static CapacityProvider createCapacityProvider(EcsClient ecs, String providerName, String groupArn, String cluster) {
        // TODO: create the capacity provider (managed scaling ENABLED at 100 %, managed termination protection ENABLED), make it the cluster's capacity provider and default strategy, and return it
        throw new NotDoneYet();
    }

    /** Exercise 10.3: the cluster's container instances, described, once {@code count} of them are ACTIVE. */
    public static List<ContainerInstance> waitForInstances(EcsClient ecs, String cluster, int count, Duration pollInterval) {
        // TODO: poll the cluster's ACTIVE container instances until there are count of them, then describe them
        throw new NotDoneYet();
    }

    /** Exercise 10.4a: a bridge-mode task definition for EC2 whose port 80 Docker maps to a dynamic host port. */
    public static String registerBridgeWeb(EcsClient ecs, String family, int memoryMiB) {
        // TODO: register an EC2 bridge-mode task definition: one container "web" (nginx), cpu 256, memory memoryMiB, port 80 on host port 0; return its ARN
        throw new NotDoneYet();
    }

    /** Exercise 10.4b: {@code count} tasks run with the cluster's default strategy, and where each landed. */
    public static List<Landing> runAndLocate(EcsClient ecs, String cluster, String taskDefinition, int count) {
        // TODO: run count tasks, then return a Landing for each: its instance's EC2 id, its Availability Zone and its host port
        throw new NotDoneYet();
    }

    /** Exercise 10.5a: {@code count} tasks packed onto as few instances as memory allows. */
    public static List<Task> runBinpacked(EcsClient ecs, String cluster, String taskDefinition, int count) {
        // TODO: run count tasks with the placement strategy binpack on memory, and return them
        throw new NotDoneYet();
    }

    /** Exercise 10.5b: {@code count} tasks spread over the Availability Zones, then over the instances. */
    public static List<Task> runSpread(EcsClient ecs, String cluster, String taskDefinition, int count) {
        // TODO: run count tasks spread over attribute:ecs.availability-zone, then over instanceId, and return them
        throw new NotDoneYet();
    }

    /** Exercise 10.6: a task allowed only on instances of {@code instanceType}: the reasons it could not be placed, if any. */
    public static List<String> runOnInstanceType(EcsClient ecs, String cluster, String taskDefinition, String instanceType) {
        // TODO: run one task with a memberOf constraint on attribute:ecs.instance-type, and return the distinct reasons of its failures
        throw new NotDoneYet();
    }

    /** Exercise 10.7: a service of {@code desiredCount} tasks on the cluster's capacity provider, once it is stable. */
    public static Service scaleOutService(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                          String taskDefinition, String capacityProvider, int desiredCount) {
        // TODO: create the service with the capacity provider strategy (weight 1) and desiredCount tasks; return it once it is stable
        throw new NotDoneYet();
    }

    /** Exercise 10.8: the container instance once it is DRAINING and runs no task any more. */
    public static ContainerInstance drain(EcsClient ecs, String cluster, String containerInstanceArn, Duration pollInterval) {
        // TODO: set the instance DRAINING, then poll it until it has no running and no pending task, and return it
        throw new NotDoneYet();
    }
}
