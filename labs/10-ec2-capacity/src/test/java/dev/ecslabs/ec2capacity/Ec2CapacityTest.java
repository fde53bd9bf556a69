package dev.ecslabs.ec2capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

@Lab("10")
class Ec2CapacityTest {
    /** A t3.medium registers 3851 MiB: three tasks of 1 GiB fit on one, a fourth needs another instance. */
    static final int GIB = 1024;

    LabEc2 lab;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs) {
        lab = new LabEc2(backend, ecs);
    }

    @AfterEach
    void deleteEverything() {
        lab.deleteEverything();
    }

    @Exercise(value = 1, title = "Create an Auto Scaling group whose instances join the cluster",
            hints = {
                    "An Auto Scaling group keeps desiredCapacity EC2 instances running, between minSize and maxSize, in the "
                            + "subnets of VPCZoneIdentifier. Each instance boots from a launch template (here the ECS-optimized "
                            + "AMI) whose user data names the cluster its ECS agent joins (ECS_CLUSTER).",
                    "CreateAutoScalingGroup: autoScalingGroupName, minSize 0, maxSize MAX_INSTANCES, desiredCapacity 1, "
                            + "vpcZoneIdentifier (subnet ids joined by commas), mixedInstancesPolicy (launchTemplate: "
                            + "launchTemplateSpecification with launchTemplateName, overrides with instanceType), "
                            + "newInstancesProtectedFromScaleIn true, tags (key CLUSTER_TAG, value cluster). "
                            + "DescribeAutoScalingGroups then answers its autoScalingGroupARN().",
                    "autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(0).maxSize(MAX_INSTANCES)"
                            + ".desiredCapacity(1).vpcZoneIdentifier(String.join(\",\", subnets)).mixedInstancesPolicy(p -> "
                            + "p.launchTemplate(t -> t.launchTemplateSpecification(s -> s.launchTemplateName(LAUNCH_TEMPLATE))"
                            + ".overrides(o -> o.instanceType(INSTANCE_TYPE)))).newInstancesProtectedFromScaleIn(true)"
                            + ".tags(t -> t.key(CLUSTER_TAG).value(cluster).propagateAtLaunch(true)))"})
    void createsAGroup(EcsClient ecs) {
        String cluster = lab.cluster("ec2");
        String name = lab.groupName("asg");

        String arn = Ec2Capacity.createAutoScalingGroup(lab.autoScaling(), name, cluster, lab.subnets());

        AutoScalingGroup group = lab.group(name);
        assertThat(arn).as("the ARN you returned").isEqualTo(group.autoScalingGroupARN());
        assertThat(group.minSize()).isZero();
        assertThat(group.maxSize()).isEqualTo(Ec2Capacity.MAX_INSTANCES);
        assertThat(group.desiredCapacity()).isEqualTo(1);
        assertThat(group.newInstancesProtectedFromScaleIn()).as("new instances protected from scale in").isTrue();
        assertThat(group.tags()).anySatisfy(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo("ECS_CLUSTER=" + cluster));
        assertThat(group.instances()).singleElement().satisfies(instance ->
                assertThat(instance.instanceType()).isEqualTo(Ec2Capacity.INSTANCE_TYPE));
        assertThat(lab.instances(cluster, 1)).as("its instance, booted, registers with the cluster")
                .singleElement().satisfies(ci -> assertThat(ci.ec2InstanceId()).isEqualTo(group.instances().get(0).instanceId()));
    }

    @Exercise(value = 2, title = "Create a capacity provider for the group and make it the cluster's default",
            hints = {
                    "A capacity provider ties an Auto Scaling group to ECS: with managed scaling ECS sets the group's desired "
                            + "capacity itself; with managed termination protection it protects instances that run tasks from "
                            + "scale in. Associated with a cluster, it can be the cluster's default strategy.",
                    "CreateCapacityProvider: name, autoScalingGroupProvider (autoScalingGroupArn, managedScaling with status "
                            + "ENABLED and targetCapacity 100, managedTerminationProtection ENABLED). Then "
                            + "PutClusterCapacityProviders: cluster, capacityProviders, defaultCapacityProviderStrategy.",
                    "ecs.createCapacityProvider(r -> r.name(name).autoScalingGroupProvider(a -> a.autoScalingGroupArn(groupArn)"
                            + ".managedScaling(m -> m.status(ManagedScalingStatus.ENABLED).targetCapacity(100))"
                            + ".managedTerminationProtection(ManagedTerminationProtection.ENABLED))).capacityProvider(); then "
                            + "ecs.putClusterCapacityProviders(r -> r.cluster(cluster).capacityProviders(name)"
                            + ".defaultCapacityProviderStrategy(s -> s.capacityProvider(name).weight(1)))"})
    void createsACapacityProvider(EcsClient ecs) {
        String cluster = lab.cluster("ec2");
        String groupName = lab.groupName("asg");
        lab.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(groupName).minSize(0).maxSize(2)
                .vpcZoneIdentifier(String.join(",", lab.subnets())).newInstancesProtectedFromScaleIn(true)
                .launchTemplate(t -> t.launchTemplateName(Ec2Capacity.LAUNCH_TEMPLATE)));
        String groupArn = lab.group(groupName).autoScalingGroupARN();
        String name = lab.providerName("cp");

        CapacityProvider provider = Ec2Capacity.createCapacityProvider(ecs, name, groupArn, cluster);

        assertThat(provider).as("the capacity provider you returned").isNotNull();
        assertThat(provider.name()).isEqualTo(name);
        assertThat(provider.autoScalingGroupProvider().autoScalingGroupArn()).isEqualTo(groupArn);
        assertThat(provider.autoScalingGroupProvider().managedScaling().status()).isEqualTo(ManagedScalingStatus.ENABLED);
        assertThat(provider.autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(100);
        assertThat(provider.autoScalingGroupProvider().managedTerminationProtection())
                .isEqualTo(ManagedTerminationProtection.ENABLED);
        Cluster described = ecs.describeClusters(r -> r.clusters(cluster)).clusters().get(0);
        assertThat(described.capacityProviders()).containsExactly(name);
        assertThat(described.defaultCapacityProviderStrategy()).singleElement()
                .satisfies(item -> assertThat(item.capacityProvider()).isEqualTo(name));
    }

    @Exercise(value = 3, title = "Wait for the group's instances to register as container instances",
            hints = {
                    "An instance of the group boots, then its ECS agent registers it with the cluster as a container "
                            + "instance: ACTIVE, with its registered resources (CPU units, MiB, ports) and attributes "
                            + "(ecs.instance-type, ecs.availability-zone…). There is no SDK waiter for it: poll.",
                    "ListContainerInstances (cluster, status ACTIVE) answers containerInstanceArns(); "
                            + "DescribeContainerInstances (cluster, containerInstances) describes them. Poll.until asks again.",
                    "List<String> arns = Poll.until(() -> ecs.listContainerInstances(r -> r.cluster(cluster)"
                            + ".status(ContainerInstanceStatus.ACTIVE)).containerInstanceArns(), found -> found.size() >= count, "
                            + "pollInterval); then ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns))"
                            + ".containerInstances()"})
    void waitsForInstances(EcsClient ecs) {
        String cluster = lab.cluster("ec2");
        String provider = lab.providerWithInstances(cluster, 0);
        lab.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(lab.groupOf(provider).autoScalingGroupName())
                .desiredCapacity(2));

        List<ContainerInstance> instances = Ec2Capacity.waitForInstances(ecs, cluster, 2, lab.pollInterval());

        assertThat(instances).as("the container instances you returned").hasSize(2);
        Set<String> launched = lab.groupOf(provider).instances().stream().map(Instance::instanceId).collect(Collectors.toSet());
        assertThat(instances).extracting(ContainerInstance::ec2InstanceId).containsExactlyInAnyOrderElementsOf(launched);
        assertThat(instances).allSatisfy(instance -> {
            assertThat(instance.status()).isEqualTo("ACTIVE");
            assertThat(instance.capacityProviderName()).isEqualTo(provider);
            assertThat(instance.registeredResources()).anySatisfy(r ->
                    assertThat(r.name() + "=" + r.integerValue()).isEqualTo("CPU=2048"));
        });
    }

    @Exercise(value = 4, title = "Run bridge-mode tasks with dynamic host ports and find where they landed",
            hints = {
                    "In bridge mode the containers share their instance's network through Docker's bridge: two tasks on "
                            + "one instance can't both take host port 80. Host port 0 lets Docker pick a free one from the "
                            + "ephemeral range (32768–65535). A task says where it runs: containerInstanceArn, and each "
                            + "container's networkBindings.",
                    "RegisterTaskDefinition: requiresCompatibilities EC2, networkMode BRIDGE, a container with cpu, memory "
                            + "and portMappings (containerPort 80, hostPort 0). RunTask (cluster, taskDefinition, count) uses "
                            + "the cluster's default capacity provider strategy. DescribeContainerInstances gives ec2InstanceId().",
                    "task.containers().get(0).networkBindings().get(0).hostPort(); the instance: describeContainerInstances(r "
                            + "-> r.cluster(cluster).containerInstances(task.containerInstanceArn())).containerInstances().get(0)"
                            + ".ec2InstanceId(); new Landing(task.taskArn(), ec2InstanceId, task.availabilityZone(), hostPort)"})
    void runsBridgeTasks(EcsClient ecs) {
        String cluster = lab.cluster("ec2");
        String provider = lab.providerWithInstances(cluster, 1);
        String instanceId = lab.groupOf(provider).instances().get(0).instanceId();

        String taskDefinition = Ec2Capacity.registerBridgeWeb(ecs, "bridge-web", GIB);
        TaskDefinition registered = ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition();
        assertThat(registered.networkMode()).isEqualTo(NetworkMode.BRIDGE);
        assertThat(registered.requiresCompatibilities()).contains(Compatibility.EC2);
        assertThat(registered.containerDefinitions().get(0).portMappings().get(0).hostPort()).as("a dynamic host port").isZero();

        List<Landing> landings = Ec2Capacity.runAndLocate(ecs, cluster, taskDefinition, 2);

        assertThat(landings).as("where your two tasks landed").hasSize(2);
        assertThat(landings).extracting(Landing::ec2InstanceId).as("both on the group's one instance").containsOnly(instanceId);
        assertThat(landings).extracting(Landing::hostPort).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(32768, 65535));
        assertThat(landings).allSatisfy(landing -> assertThat(landing.availabilityZone()).isNotBlank());
    }

    @Exercise(value = 5, title = "Place tasks with binpack, then with spread",
            hints = {
                    "Placement strategies order the instances that can take a task: binpack on memory picks the one with "
                            + "the least memory left (fewest instances used, cheapest); spread on "
                            + "attribute:ecs.availability-zone puts each task in another zone (most available). Several "
                            + "strategies apply in order.",
                    "RunTask's placementStrategy: PlacementStrategy with type BINPACK and field \"memory\"; or type SPREAD "
                            + "with field \"attribute:ecs.availability-zone\", then SPREAD on \"instanceId\".",
                    "ecs.runTask(r -> r.cluster(cluster).taskDefinition(td).count(count).placementStrategy(s -> "
                            + "s.type(PlacementStrategyType.BINPACK).field(\"memory\"))).tasks(); for spread, two "
                            + "placementStrategy lambdas: SPREAD attribute:ecs.availability-zone, SPREAD instanceId"})
    void binpackAndSpread(EcsClient ecs) {
        String cluster = lab.cluster("ec2");
        lab.providerWithInstances(cluster, 2);
        String taskDefinition = lab.registerBridge("placed", 512);

        List<Task> packed = Ec2Capacity.runBinpacked(ecs, cluster, taskDefinition, 2);
        assertThat(packed).as("the binpacked tasks you returned").hasSize(2);
        assertThat(packed).extracting(Task::containerInstanceArn).as("binpack fills one instance first").containsOnly(
                packed.get(0).containerInstanceArn());

        // Spread balances the tasks of one group (here family:<name>): a family of its own starts from even zones.
        String other = lab.registerBridge("spread", 512);
        List<Task> spread = Ec2Capacity.runSpread(ecs, cluster, other, 2);
        assertThat(spread).as("the spread tasks you returned").hasSize(2);
        assertThat(spread).extracting(Task::availabilityZone).as("spread puts them in two zones").doesNotHaveDuplicates();
    }

    @Exercise(value = 6, title = "Constrain a task to an instance type, and read why it could not be placed",
            hints = {
                    "A memberOf constraint keeps a task to the instances its cluster query matches, for example "
                            + "attribute:ecs.instance-type == t3.medium. A task no instance can take is not an error: RunTask "
                            + "answers it in failures(), each with a reason (RESOURCE:MEMORY, RESOURCE:PORTS, \"MemberOf "
                            + "placement constraint unsatisfied.\"…).",
                    "RunTask's placementConstraints: PlacementConstraint with type MEMBER_OF and expression "
                            + "\"attribute:ecs.instance-type == \" + instanceType. The answer's failures(): Failure::reason.",
                    "ecs.runTask(r -> r.cluster(cluster).taskDefinition(td).placementConstraints(c -> "
                            + "c.type(PlacementConstraintType.MEMBER_OF).expression(\"attribute:ecs.instance-type == \" + "
                            + "instanceType))).failures().stream().map(Failure::reason).distinct().toList()"})
    void constraintAndWhyNot(EcsClient ecs) {
        String cluster = lab.cluster("ec2");
        lab.providerWithInstances(cluster, 1);
        String taskDefinition = lab.registerBridge("constrained", 512);

        assertThat(Ec2Capacity.runOnInstanceType(ecs, cluster, taskDefinition, Ec2Capacity.INSTANCE_TYPE))
                .as("a t3.medium takes it: no failure").isEmpty();
        assertThat(lab.runningTasks(cluster, null)).as("the task you ran").isNotEmpty();
        assertThat(Ec2Capacity.runOnInstanceType(ecs, cluster, taskDefinition, "m5.large"))
                .as("why no instance took a task meant for an m5.large")
                .containsExactly("MemberOf placement constraint unsatisfied.");
    }

    @Exercise(value = 7, title = "Let managed scaling add an instance when a service's tasks do not fit",
            hints = {
                    "With managed scaling ECS publishes CapacityProviderReservation = instances needed / instances running "
                            + "× 100 each minute and sets the group's desired capacity to meet targetCapacity. Tasks that find "
                            + "no room wait for it; the new instance boots, registers, and takes them.",
                    "CreateService with capacityProviderStrategy (capacityProvider, weight 1) instead of a launch type, "
                            + "then waiter.waitUntilServicesStable: it waits while the instance is added.",
                    "ecs.createService(r -> r.cluster(cluster).serviceName(name).taskDefinition(td).desiredCount(count)"
                            + ".capacityProviderStrategy(s -> s.capacityProvider(provider).weight(1))); "
                            + "waiter.waitUntilServicesStable(r -> r.cluster(cluster).services(name)).matched().response()"
                            + ".orElseThrow().services().get(0)"})
    void managedScalingAddsAnInstance(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("ec2");
        String provider = lab.providerWithInstances(cluster, 1);
        String taskDefinition = lab.registerBridge("scaled", GIB);
        String name = backend.uniqueName("web");

        Service service = Ec2Capacity.scaleOutService(ecs, waiter, cluster, name, taskDefinition, provider, 5);

        assertThat(service).as("the service you returned").isNotNull();
        assertThat(service.runningCount()).as("five tasks of 1 GiB: more than one t3.medium holds").isEqualTo(5);
        AutoScalingGroup group = lab.groupOf(provider);
        assertThat(group.desiredCapacity()).as("managed scaling raised the group's desired capacity").isEqualTo(2);
        assertThat(lab.runningTasks(cluster, name).stream().map(Task::containerInstanceArn).distinct())
                .as("on both instances").hasSize(2);
    }

    @Exercise(value = 8, title = "Drain an instance and watch its tasks move",
            hints = {
                    "A DRAINING container instance takes no new task; the service scheduler stops its service tasks and "
                            + "starts replacements on the other instances (keeping minimumHealthyPercent). Drain before you "
                            + "take an instance away; managed draining does it for scale in.",
                    "UpdateContainerInstancesState (cluster, containerInstances, status DRAINING); then poll "
                            + "DescribeContainerInstances until runningTasksCount() and pendingTasksCount() are 0.",
                    "ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(arn)"
                            + ".status(ContainerInstanceStatus.DRAINING)); Poll.until(() -> ecs.describeContainerInstances(r -> "
                            + "r.cluster(cluster).containerInstances(arn)).containerInstances().get(0), i -> i.runningTasksCount() "
                            + "== 0 && i.pendingTasksCount() == 0, pollInterval)"})
    void drainsAnInstance(Backend backend, EcsClient ecs, EcsWaiter waiter) {
        String cluster = lab.cluster("ec2");
        String provider = lab.providerWithInstances(cluster, 2);
        String taskDefinition = lab.registerBridge("drained", 512);
        String name = backend.uniqueName("web");
        ecs.createService(r -> r.cluster(cluster).serviceName(name).taskDefinition(taskDefinition).desiredCount(2)
                .capacityProviderStrategy(s -> s.capacityProvider(provider).weight(1)));
        waiter.waitUntilServicesStable(r -> r.cluster(cluster).services(name));
        List<Task> before = lab.runningTasks(cluster, name);
        assertThat(before).extracting(Task::containerInstanceArn).as("spread: one task on each instance").doesNotHaveDuplicates();
        String drained = before.get(0).containerInstanceArn();

        ContainerInstance instance = Ec2Capacity.drain(ecs, cluster, drained, lab.pollInterval());

        assertThat(instance).as("the container instance you returned").isNotNull();
        assertThat(instance.status()).isEqualTo("DRAINING");
        assertThat(instance.runningTasksCount()).isZero();
        waiter.waitUntilServicesStable(r -> r.cluster(cluster).services(name));
        assertThat(lab.runningTasks(cluster, name)).hasSize(2).extracting(Task::containerInstanceArn)
                .as("both tasks now on the other instance").doesNotContain(drained);
    }
}
