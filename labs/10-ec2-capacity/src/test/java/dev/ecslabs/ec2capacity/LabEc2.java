package dev.ecslabs.ec2capacity;

import dev.ecslabs.labkit.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What the exercises set up for themselves, without the learner's code: a cluster with an Auto
 * Scaling group and its capacity provider, a bridge-mode task definition, and at the end
 * everything taken down in the order AWS accepts (services, tasks, the provider off the cluster,
 * the provider, the group with its instances). On AWS a forgotten group keeps its instances
 * running, and costs money.
 */
final class LabEc2 {
    private final Backend backend;
    private final EcsClient ecs;
    private final AutoScalingClient autoScaling;
    private final List<String> clusters = new ArrayList<>();
    private final List<String> providers = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();

    LabEc2(Backend backend, EcsClient ecs) {
        this.backend = backend;
        this.ecs = ecs;
        this.autoScaling = AutoScalingClient.builder().endpointOverride(backend.endpoint()).region(backend.region())
                .credentialsProvider(backend.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    AutoScalingClient autoScaling() {
        return autoScaling;
    }

    Duration pollInterval() {
        return backend.pollInterval(Duration.ofSeconds(5));
    }

    String cluster(String base) {
        String name = backend.uniqueName(base);
        ecs.createCluster(request -> request.clusterName(name));
        clusters.add(name);
        return name;
    }

    /** A name for a group the learner's code creates, remembered to be deleted afterwards. */
    String groupName(String base) {
        String name = backend.uniqueName(base);
        groups.add(name);
        return name;
    }

    /** A name for a capacity provider the learner's code creates, remembered to be deleted afterwards. */
    String providerName(String base) {
        String name = backend.uniqueName(base);
        providers.add(name);
        return name;
    }

    List<String> subnets() {
        return backend.defaultSubnets();
    }

    /**
     * The cluster with a group of {@code instances} t3.medium instances and its capacity provider (managed scaling
     * on), the default; the instances are ACTIVE when it answers.
     */
    String providerWithInstances(String cluster, int instances) {
        String group = groupName("asg");
        autoScaling.createAutoScalingGroup(request -> request.autoScalingGroupName(group).minSize(0)
                .maxSize(Ec2Capacity.MAX_INSTANCES).desiredCapacity(0)
                .vpcZoneIdentifier(String.join(",", subnets())).newInstancesProtectedFromScaleIn(true)
                .mixedInstancesPolicy(policy -> policy.launchTemplate(template -> template
                        .launchTemplateSpecification(spec -> spec.launchTemplateName(Ec2Capacity.LAUNCH_TEMPLATE))
                        .overrides(override -> override.instanceType(Ec2Capacity.INSTANCE_TYPE))))
                .tags(tag -> tag.key(Ec2Capacity.CLUSTER_TAG).value(cluster).propagateAtLaunch(true)));
        String provider = providerName("cp");
        ecs.createCapacityProvider(request -> request.name(provider).autoScalingGroupProvider(asg -> asg
                .autoScalingGroupArn(group(group).autoScalingGroupARN())
                .managedScaling(scaling -> scaling.status(ManagedScalingStatus.ENABLED).targetCapacity(100))
                .managedTerminationProtection(ManagedTerminationProtection.ENABLED)));
        ecs.putClusterCapacityProviders(request -> request.cluster(cluster).capacityProviders(provider)
                .defaultCapacityProviderStrategy(item -> item.capacityProvider(provider).weight(1)));
        if (instances > 0) {
            // Launched only now: an instance that registered before its group had a capacity provider is not the provider's.
            autoScaling.setDesiredCapacity(request -> request.autoScalingGroupName(group).desiredCapacity(instances));
            instances(cluster, instances);
        }
        return provider;
    }

    /** The cluster's ACTIVE container instances once there are {@code count}, described. */
    List<ContainerInstance> instances(String cluster, int count) {
        List<String> arns = List.of();
        // a poll gives up after its budget with what it found: ask again twice before saying what is missing
        for (int round = 0; round < 3 && arns.size() < count; round++) {
            arns = backend.pollUntil(() -> ecs.listContainerInstances(request -> request.cluster(cluster)
                    .status(ContainerInstanceStatus.ACTIVE)).containerInstanceArns(), found -> found.size() >= count);
        }
        if (arns.size() < count) {
            List<String> found = arns;
            throw new AssertionError("set-up: " + count + " container instance(s) should have registered with cluster " + cluster
                    + " from its Auto Scaling group, and " + found.size() + " did; the groups: "
                    + autoScaling.describeAutoScalingGroups().autoScalingGroups());
        }
        List<String> registered = arns;
        return ecs.describeContainerInstances(request -> request.cluster(cluster).containerInstances(registered)).containerInstances();
    }

    AutoScalingGroup group(String name) {
        return autoScaling.describeAutoScalingGroups(request -> request.autoScalingGroupNames(name)).autoScalingGroups().get(0);
    }

    /** The group whose name this exercise made, found by the capacity provider's ARN of it. */
    AutoScalingGroup groupOf(String provider) {
        String arn = ecs.describeCapacityProviders(request -> request.capacityProviders(provider)).capacityProviders().get(0)
                .autoScalingGroupProvider().autoScalingGroupArn();
        return autoScaling.describeAutoScalingGroups().autoScalingGroups().stream()
                .filter(group -> group.autoScalingGroupARN().equals(arn)).findFirst().orElseThrow();
    }

    /** A bridge-mode EC2 task definition of nginx with port 80 on a dynamic host port, made without the learner's code. */
    String registerBridge(String family, int memoryMiB) {
        return ecs.registerTaskDefinition(request -> request.family(backend.uniqueName(family))
                .requiresCompatibilities(Compatibility.EC2).networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(container -> container.name("web").image("public.ecr.aws/nginx/nginx:1.27")
                        .essential(true).cpu(256).memory(memoryMiB).portMappings(port -> port.containerPort(80).hostPort(0))))
                .taskDefinition().taskDefinitionArn();
    }

    List<Task> runningTasks(String cluster, String service) {
        List<String> arns = ecs.listTasks(request -> request.cluster(cluster).serviceName(service)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(request -> request.cluster(cluster).tasks(arns)).tasks();
    }

    String ec2InstanceOf(String cluster, String containerInstanceArn) {
        return ecs.describeContainerInstances(request -> request.cluster(cluster).containerInstances(containerInstanceArn))
                .containerInstances().get(0).ec2InstanceId();
    }

    private long stillStopping(String cluster) {
        List<String> arns = ecs.listTasks(request -> request.cluster(cluster).desiredStatus(DesiredStatus.STOPPED)).taskArns();
        return arns.isEmpty() ? 0 : ecs.describeTasks(request -> request.cluster(cluster).tasks(arns)).tasks().stream()
                .filter(task -> !"STOPPED".equals(task.lastStatus())).count();
    }

    /** Takes down what the exercise made, in the order AWS accepts; what is already gone is skipped. */
    void deleteEverything() {
        for (String cluster : clusters) {
            ecs.listServices(request -> request.cluster(cluster)).serviceArns().forEach(service ->
                    ecs.deleteService(request -> request.cluster(cluster).service(service).force(true)));
            ecs.listTasks(request -> request.cluster(cluster)).taskArns().forEach(task ->
                    ecs.stopTask(request -> request.cluster(cluster).task(task).reason("lab 10 cleanup")));
            // A capacity provider that tasks still use can't leave the cluster: wait until they are STOPPED.
            backend.pollUntil(() -> stillStopping(cluster), count -> count == 0);
            ecs.putClusterCapacityProviders(request -> request.cluster(cluster).capacityProviders(List.of())
                    .defaultCapacityProviderStrategy(List.of()));
        }
        if (!providers.isEmpty()) {
            // Without names DescribeCapacityProviders answers every provider, FARGATE's too: ask only for this exercise's.
            ecs.describeCapacityProviders(request -> request.capacityProviders(providers)).capacityProviders().stream()
                    .filter(provider -> "ACTIVE".equals(provider.statusAsString()))
                    .forEach(provider -> ecs.deleteCapacityProvider(request -> request.capacityProvider(provider.name())));
        }
        if (!groups.isEmpty()) {
            autoScaling.describeAutoScalingGroups(request -> request.autoScalingGroupNames(groups)).autoScalingGroups()
                    .forEach(group -> autoScaling.deleteAutoScalingGroup(request -> request
                            .autoScalingGroupName(group.autoScalingGroupName()).forceDelete(true)));
        }
        autoScaling.close();
    }
}
