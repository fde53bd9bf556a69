package dev.ecslabs.ec2capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
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
        autoScaling.createAutoScalingGroup(request -> request
                .autoScalingGroupName(groupName)
                .minSize(0)
                .maxSize(MAX_INSTANCES)
                .desiredCapacity(1)
                .vpcZoneIdentifier(String.join(",", subnets))
                .mixedInstancesPolicy(policy -> policy.launchTemplate(template -> template
                        .launchTemplateSpecification(spec -> spec.launchTemplateName(LAUNCH_TEMPLATE).version("$Latest"))
                        .overrides(override -> override.instanceType(INSTANCE_TYPE))))
                .newInstancesProtectedFromScaleIn(true)
                .tags(tag -> tag.key(CLUSTER_TAG).value(cluster).propagateAtLaunch(true)));
        return autoScaling.describeAutoScalingGroups(request -> request.autoScalingGroupNames(groupName))
                .autoScalingGroups().get(0).autoScalingGroupARN();
    }

    /** Exercise 10.2: a capacity provider of the group, with managed scaling and termination protection, the cluster's default. */
    public static CapacityProvider createCapacityProvider(EcsClient ecs, String providerName, String groupArn, String cluster) {
        CapacityProvider provider = ecs.createCapacityProvider(request -> request
                .name(providerName)
                .autoScalingGroupProvider(group -> group
                        .autoScalingGroupArn(groupArn)
                        .managedScaling(scaling -> scaling.status(ManagedScalingStatus.ENABLED).targetCapacity(100))
                        .managedTerminationProtection(ManagedTerminationProtection.ENABLED)))
                .capacityProvider();
        ecs.putClusterCapacityProviders(request -> request
                .cluster(cluster)
                .capacityProviders(providerName)
                .defaultCapacityProviderStrategy(item -> item.capacityProvider(providerName).weight(1)));
        return provider;
    }

    /** Exercise 10.3: the cluster's container instances, described, once {@code count} of them are ACTIVE. */
    public static List<ContainerInstance> waitForInstances(EcsClient ecs, String cluster, int count, Duration pollInterval) {
        List<String> arns = Poll.until(() -> ecs.listContainerInstances(request -> request.cluster(cluster)
                .status(ContainerInstanceStatus.ACTIVE)).containerInstanceArns(), found -> found.size() >= count, pollInterval);
        return ecs.describeContainerInstances(request -> request.cluster(cluster).containerInstances(arns)).containerInstances();
    }

    /** Exercise 10.4a: a bridge-mode task definition for EC2 whose port 80 Docker maps to a dynamic host port. */
    public static String registerBridgeWeb(EcsClient ecs, String family, int memoryMiB) {
        return ecs.registerTaskDefinition(request -> request
                .family(family)
                .requiresCompatibilities(Compatibility.EC2)
                .networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(container -> container
                        .name("web")
                        .image("public.ecr.aws/nginx/nginx:1.27")
                        .essential(true)
                        .cpu(256)
                        .memory(memoryMiB)
                        .portMappings(port -> port.containerPort(80).hostPort(0).protocol(TransportProtocol.TCP))))
                .taskDefinition().taskDefinitionArn();
    }

    /** Exercise 10.4b: {@code count} tasks run with the cluster's default strategy, and where each landed. */
    public static List<Landing> runAndLocate(EcsClient ecs, String cluster, String taskDefinition, int count) {
        List<Task> tasks = ecs.runTask(request -> request.cluster(cluster).taskDefinition(taskDefinition).count(count)).tasks();
        List<String> instanceArns = tasks.stream().map(Task::containerInstanceArn).distinct().toList();
        Map<String, ContainerInstance> instances = new HashMap<>();
        ecs.describeContainerInstances(request -> request.cluster(cluster).containerInstances(instanceArns))
                .containerInstances().forEach(instance -> instances.put(instance.containerInstanceArn(), instance));
        List<Landing> landings = new ArrayList<>();
        for (Task task : tasks) {
            ContainerInstance instance = instances.get(task.containerInstanceArn());
            int hostPort = task.containers().get(0).networkBindings().get(0).hostPort();
            landings.add(new Landing(task.taskArn(), instance.ec2InstanceId(), task.availabilityZone(), hostPort));
        }
        return landings;
    }

    /** Exercise 10.5a: {@code count} tasks packed onto as few instances as memory allows. */
    public static List<Task> runBinpacked(EcsClient ecs, String cluster, String taskDefinition, int count) {
        return ecs.runTask(request -> request.cluster(cluster).taskDefinition(taskDefinition).count(count)
                .placementStrategy(strategy -> strategy.type(PlacementStrategyType.BINPACK).field("memory"))).tasks();
    }

    /** Exercise 10.5b: {@code count} tasks spread over the Availability Zones, then over the instances. */
    public static List<Task> runSpread(EcsClient ecs, String cluster, String taskDefinition, int count) {
        return ecs.runTask(request -> request.cluster(cluster).taskDefinition(taskDefinition).count(count)
                .placementStrategy(
                        strategy -> strategy.type(PlacementStrategyType.SPREAD).field("attribute:ecs.availability-zone"),
                        strategy -> strategy.type(PlacementStrategyType.SPREAD).field("instanceId"))).tasks();
    }

    /** Exercise 10.6: a task allowed only on instances of {@code instanceType}: the reasons it could not be placed, if any. */
    public static List<String> runOnInstanceType(EcsClient ecs, String cluster, String taskDefinition, String instanceType) {
        RunTaskResponse answer = ecs.runTask(request -> request.cluster(cluster).taskDefinition(taskDefinition)
                .placementConstraints(constraint -> constraint.type(PlacementConstraintType.MEMBER_OF)
                        .expression("attribute:ecs.instance-type == " + instanceType)));
        return answer.failures().stream().map(Failure::reason).distinct().toList();
    }

    /** Exercise 10.7: a service of {@code desiredCount} tasks on the cluster's capacity provider, once it is stable. */
    public static Service scaleOutService(EcsClient ecs, EcsWaiter waiter, String cluster, String serviceName,
                                          String taskDefinition, String capacityProvider, int desiredCount) {
        ecs.createService(request -> request.cluster(cluster).serviceName(serviceName).taskDefinition(taskDefinition)
                .desiredCount(desiredCount)
                .capacityProviderStrategy(item -> item.capacityProvider(capacityProvider).weight(1)));
        return waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName))
                .matched().response().orElseThrow().services().get(0);
    }

    /** Exercise 10.8: the container instance once it is DRAINING and runs no task any more. */
    public static ContainerInstance drain(EcsClient ecs, String cluster, String containerInstanceArn, Duration pollInterval) {
        ecs.updateContainerInstancesState(request -> request.cluster(cluster).containerInstances(containerInstanceArn)
                .status(ContainerInstanceStatus.DRAINING));
        return Poll.until(() -> ecs.describeContainerInstances(request -> request.cluster(cluster)
                        .containerInstances(containerInstanceArn)).containerInstances().get(0),
                instance -> instance.runningTasksCount() == 0 && instance.pendingTasksCount() == 0, pollInterval);
    }
}
