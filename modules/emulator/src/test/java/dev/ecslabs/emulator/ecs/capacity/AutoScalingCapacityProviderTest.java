package dev.ecslabs.emulator.ecs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.autoscaling.groups.GroupInstances;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.ecs.instance.Ec2Instances;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Capacity providers of EC2 Auto Scaling groups: created, described, associated with a cluster;
 * tasks placed on the instances their group launched; managed scaling adding an instance when a
 * service's tasks find no room and removing it once idle, with CapacityProviderReservation in
 * CloudWatch; managed termination protection
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-auto-scaling.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class AutoScalingCapacityProviderTest {
    static final String ACCOUNT = "123456789012";
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;
    AutoScalingClient autoScaling;
    CloudWatchClient cloudWatch;

    @BeforeEach
    void clusterGroupAndTaskDefinition() {
        ecs.createCluster(b -> b.clusterName("ec2"));
        autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName("asg").minSize(0).maxSize(4).desiredCapacity(0)
                .vpcZoneIdentifier("subnet-0ec5c0ffee000000a,subnet-0ec5c0ffee000000b").newInstancesProtectedFromScaleIn(true)
                .mixedInstancesPolicy(p -> p.launchTemplate(t -> t.launchTemplateSpecification(s -> s.launchTemplateName("ecs"))
                        .overrides(o -> o.instanceType("t3.medium")))));
        ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.EC2).networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27").cpu(256).memory(1024)
                        .portMappings(p -> p.containerPort(80).hostPort(0))));
    }

    private CapacityProvider createProvider(boolean managed) {
        return ecs.createCapacityProvider(b -> b.name("asg-cp").autoScalingGroupProvider(a -> a.autoScalingGroupArn(group().autoScalingGroupARN())
                .managedScaling(m -> m.status(managed ? ManagedScalingStatus.ENABLED : ManagedScalingStatus.DISABLED).targetCapacity(100))
                .managedTerminationProtection(managed ? ManagedTerminationProtection.ENABLED : ManagedTerminationProtection.DISABLED)))
                .capacityProvider();
    }

    private void associate() {
        ecs.putClusterCapacityProviders(b -> b.cluster("ec2").capacityProviders("FARGATE", "FARGATE_SPOT", "asg-cp")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("asg-cp").weight(1)));
    }

    private AutoScalingGroup group() {
        return autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames("asg")).autoScalingGroups().get(0);
    }

    private List<Task> tasks() {
        List<String> arns = ecs.listTasks(b -> b.cluster("ec2")).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster("ec2").tasks(arns)).tasks();
    }

    @Test
    @DisplayName("CreateCapacityProvider fills in managed scaling's defaults; DescribeCapacityProviders lists it with FARGATE and FARGATE_SPOT")
    void createAndDescribe() {
        CapacityProvider created = createProvider(true);

        assertThat(created.capacityProviderArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:capacity-provider/asg-cp");
        assertThat(created.autoScalingGroupProvider().managedScaling().minimumScalingStepSize()).isEqualTo(1);
        assertThat(created.autoScalingGroupProvider().managedScaling().maximumScalingStepSize()).isEqualTo(10_000);
        assertThat(created.autoScalingGroupProvider().managedScaling().instanceWarmupPeriod()).isEqualTo(300);
        assertThat(ecs.describeCapacityProviders(b -> { }).capacityProviders()).extracting(CapacityProvider::name)
                .containsExactly("FARGATE", "FARGATE_SPOT", "asg-cp");
        assertThatThrownBy(() -> createProvider(true)).isInstanceOf(ClientException.class).hasMessageContaining("already exists");
    }

    @Test
    @DisplayName("AWS's rules: reserved name prefixes, an unknown group, termination protection without protected instances, deleting an associated provider")
    void rules() {
        assertThatThrownBy(() -> ecs.createCapacityProvider(b -> b.name("ecs-cp")
                .autoScalingGroupProvider(a -> a.autoScalingGroupArn("asg")))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.createCapacityProvider(b -> b.name("cp")
                .autoScalingGroupProvider(a -> a.autoScalingGroupArn("nope")))).isInstanceOf(ClientException.class);
        autoScaling.updateAutoScalingGroup(b -> b.autoScalingGroupName("asg").newInstancesProtectedFromScaleIn(false));
        assertThatThrownBy(() -> createProvider(true)).isInstanceOf(ClientException.class)
                .hasMessageContaining("instance protection from scale in");

        createProvider(false);
        associate();
        assertThatThrownBy(() -> ecs.deleteCapacityProvider(b -> b.capacityProvider("asg-cp")))
                .isInstanceOf(ClientException.class).hasMessageContaining("associated with the cluster ec2");
        ecs.putClusterCapacityProviders(b -> b.cluster("ec2").capacityProviders("FARGATE").defaultCapacityProviderStrategy(List.of()));
        assertThat(ecs.deleteCapacityProvider(b -> b.capacityProvider("asg-cp")).capacityProvider().statusAsString()).isEqualTo("INACTIVE");
    }

    @Test
    @DisplayName("A strategy holds Fargate providers or Auto Scaling group providers, never both; the cluster may hold both kinds")
    void strategiesOfOneKind() {
        createProvider(false);
        associate();
        assertThatThrownBy(() -> ecs.createService(b -> b.cluster("ec2").serviceName("mixed").taskDefinition("web").desiredCount(1)
                .capacityProviderStrategy(CapacityProviderStrategyItem.builder().capacityProvider("FARGATE").base(1).weight(1).build(),
                        CapacityProviderStrategyItem.builder().capacityProvider("asg-cp").weight(1).build())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("can only contain Auto Scaling group capacity providers or Fargate capacity providers");
    }

    @Test
    @DisplayName("RunTask with the provider's strategy places tasks on its group's instances only, naming the provider")
    void runTaskOnTheGroupsInstances() {
        createProvider(false);
        associate();
        Ec2Instances.launch(emulator, ACCOUNT, "ec2", "m5.xlarge", 1, "");
        autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("asg").desiredCapacity(1));
        clock.advance(GroupInstances.BOOT);
        String groupInstance = group().instances().get(0).instanceId();

        var answer = ecs.runTask(b -> b.cluster("ec2").taskDefinition("web").count(3));

        assertThat(answer.failures()).isEmpty();
        assertThat(answer.tasks()).hasSize(3).allSatisfy(t -> {
            assertThat(t.capacityProviderName()).isEqualTo("asg-cp");
            assertThat(ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(t.containerInstanceArn()))
                    .containerInstances().get(0).ec2InstanceId()).isEqualTo(groupInstance);
        });
        var fourth = ecs.runTask(b -> b.cluster("ec2").taskDefinition("web"));
        assertThat(fourth.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("RESOURCE:MEMORY"));
    }

    @Test
    @DisplayName("Managed scaling: a service's waiting tasks raise CapacityProviderReservation to 200, an instance launches and takes them; idle for 15 minutes, it is removed")
    void managedScaling() {
        createProvider(true);
        associate();
        ecs.createService(b -> b.cluster("ec2").serviceName("web").taskDefinition("web").desiredCount(2));
        clock.advance(Duration.ofSeconds(5));
        assertThat(tasks()).as("no room: the tasks wait PROVISIONING, on no instance yet").hasSize(2).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
            assertThat(t.containerInstanceArn()).isNull();
        });
        assertThat(ecs.describeServices(b -> b.cluster("ec2").services("web")).services().get(0).events())
                .extracting(ServiceEvent::message).noneSatisfy(m -> assertThat(m).contains("was unable to place a task"));
        Instant start = clock.now();

        clock.advance(Duration.ofMinutes(1));
        assertThat(group().desiredCapacity()).as("2 tasks of 1 GiB fill one t3.medium").isEqualTo(1);
        assertThat(group().instances()).singleElement().satisfies(i -> assertThat(i.lifecycleState()).isEqualTo(LifecycleState.PENDING));

        clock.advance(GroupInstances.BOOT.plusSeconds(30));
        assertThat(tasks()).hasSize(2).allSatisfy(t -> {
            assertThat(t.capacityProviderName()).isEqualTo("asg-cp");
            assertThat(t.containerInstanceArn()).as("placed on the new instance").isNotNull();
            assertThat(t.lastStatus()).isEqualTo("RUNNING");
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(group().instances()).singleElement().satisfies(i ->
                assertThat(i.protectedFromScaleIn()).as("managed termination protection: it runs tasks").isTrue());
        List<Datapoint> reservation = cloudWatch.getMetricStatistics(b -> b.namespace(ManagedScaling.NAMESPACE)
                .metricName(ManagedScaling.METRIC).dimensions(d -> d.name("CapacityProviderName").value("asg-cp"),
                        d -> d.name("ClusterName").value("ec2"))
                .startTime(start.minusSeconds(120)).endTime(clock.now()).period(60).statistics(Statistic.MAXIMUM)).datapoints();
        assertThat(reservation).extracting(Datapoint::maximum).contains(200.0, 100.0);

        ecs.updateService(b -> b.cluster("ec2").service("web").desiredCount(0));
        clock.advance(Duration.ofMinutes(5));
        assertThat(group().instances()).as("not before 15 minutes below the target").hasSize(1);
        clock.advance(Duration.ofMinutes(12));
        assertThat(group().desiredCapacity()).isZero();
        clock.advance(GroupInstances.SHUTDOWN);
        assertThat(group().instances()).extracting(Instance::instanceId).isEmpty();
    }

    @Test
    @DisplayName("Managed draining: an instance the group scales in goes DRAINING first, its service task moves to the other instance, then it is gone")
    void managedDraining() {
        autoScaling.updateAutoScalingGroup(b -> b.autoScalingGroupName("asg").newInstancesProtectedFromScaleIn(false));
        createProvider(false);
        associate();
        autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("asg").desiredCapacity(2));
        clock.advance(GroupInstances.BOOT);
        ecs.createService(b -> b.cluster("ec2").serviceName("web").taskDefinition("web").desiredCount(2));
        clock.advance(Duration.ofMinutes(1));
        assertThat(tasks()).extracting(Task::containerInstanceArn).as("spread: one on each").doesNotHaveDuplicates().hasSize(2);

        autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("asg").desiredCapacity(1));
        String leaving = group().instances().stream().filter(i -> i.lifecycleState() == LifecycleState.TERMINATING)
                .findFirst().orElseThrow().instanceId();
        var draining = ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(
                ecs.listContainerInstances(l -> l.cluster("ec2").filter("ec2InstanceId == " + leaving)).containerInstanceArns()))
                .containerInstances().get(0);
        assertThat(draining.status()).isEqualTo("DRAINING");

        clock.advance(GroupInstances.SHUTDOWN);
        assertThat(tasks()).hasSize(2).allSatisfy(t -> assertThat(t.containerInstanceArn())
                .isNotEqualTo(draining.containerInstanceArn()));
        assertThat(ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(draining.containerInstanceArn()))
                .containerInstances().get(0).status()).isEqualTo("INACTIVE");
    }

    @Test
    @DisplayName("RunTask on a provider with managed scaling and no room: the task waits PROVISIONING, an instance launches, and it runs there")
    void runTaskWaitsForCapacity() {
        createProvider(true);
        associate();

        Task waiting = ecs.runTask(b -> b.cluster("ec2").taskDefinition("web")).tasks().get(0);

        assertThat(waiting.lastStatus()).isEqualTo("PROVISIONING");
        assertThat(waiting.launchType()).hasToString("EC2");
        assertThat(waiting.containerInstanceArn()).isNull();
        clock.advance(Duration.ofMinutes(1));
        assertThat(group().desiredCapacity()).as("managed scaling makes room for it").isEqualTo(1);
        clock.advance(GroupInstances.BOOT.plusSeconds(30));
        Task running = ecs.describeTasks(b -> b.cluster("ec2").tasks(waiting.taskArn())).tasks().get(0);
        assertThat(running.lastStatus()).isEqualTo("RUNNING");
        assertThat(ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(running.containerInstanceArn()))
                .containerInstances().get(0).ec2InstanceId()).isEqualTo(group().instances().get(0).instanceId());

        Task stopped = ecs.runTask(b -> b.cluster("ec2").taskDefinition("web").count(3)).tasks().get(2);
        assertThat(stopped.lastStatus()).isEqualTo("PROVISIONING");
        ecs.stopTask(b -> b.cluster("ec2").task(stopped.taskArn()));
        clock.advance(Duration.ofMinutes(1));
        assertThat(ecs.describeTasks(b -> b.cluster("ec2").tasks(stopped.taskArn())).tasks().get(0).lastStatus())
                .as("a waiting task can be stopped").isEqualTo("STOPPED");
    }

    @Test
    @DisplayName("A strategy of two Auto Scaling group providers: the base first, then by weight (base 1 on a, a:b = 1:2 gives 2 and 2), each on its own group's instances")
    void baseAndWeightOverTwoGroups() {
        autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName("asg-b").minSize(0).maxSize(2).desiredCapacity(0)
                .vpcZoneIdentifier("subnet-0ec5c0ffee000000c").mixedInstancesPolicy(p -> p.launchTemplate(t -> t
                        .launchTemplateSpecification(s -> s.launchTemplateName("ecs")).overrides(o -> o.instanceType("t3.medium")))));
        createProvider(false);
        ecs.createCapacityProvider(b -> b.name("cp-b").autoScalingGroupProvider(a -> a.autoScalingGroupArn("asg-b")));
        ecs.putClusterCapacityProviders(b -> b.cluster("ec2").capacityProviders("FARGATE", "asg-cp", "cp-b")
                .defaultCapacityProviderStrategy(List.of()));
        autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("asg").desiredCapacity(1));
        autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("asg-b").desiredCapacity(2));
        clock.advance(GroupInstances.BOOT);

        ecs.createService(b -> b.cluster("ec2").serviceName("web").taskDefinition("web").desiredCount(4).capacityProviderStrategy(
                CapacityProviderStrategyItem.builder().capacityProvider("asg-cp").base(1).weight(1).build(),
                CapacityProviderStrategyItem.builder().capacityProvider("cp-b").weight(2).build()));
        clock.advance(Duration.ofMinutes(1));

        List<Task> tasks = tasks();
        assertThat(tasks).hasSize(4);
        assertThat(tasks).filteredOn(t -> "asg-cp".equals(t.capacityProviderName())).hasSize(2);
        assertThat(tasks).filteredOn(t -> "cp-b".equals(t.capacityProviderName())).hasSize(2).allSatisfy(t ->
                assertThat(t.availabilityZone()).as("asg-b's instances are all in us-east-1c").isEqualTo("us-east-1c"));
        assertThat(tasks).filteredOn(t -> "asg-cp".equals(t.capacityProviderName())).allSatisfy(t ->
                assertThat(t.availabilityZone()).isIn("us-east-1a", "us-east-1b"));
    }

    @Test
    @DisplayName("UpdateCapacityProvider changes managed scaling and termination protection, keeping what it is not given")
    void update() {
        createProvider(true);

        CapacityProvider updated = ecs.updateCapacityProvider(b -> b.name("asg-cp").autoScalingGroupProvider(a -> a
                .managedScaling(m -> m.status(ManagedScalingStatus.ENABLED).targetCapacity(80).maximumScalingStepSize(2))))
                .capacityProvider();

        assertThat(updated.updateStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(updated.autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(80);
        assertThat(updated.autoScalingGroupProvider().managedScaling().maximumScalingStepSize()).isEqualTo(2);
        assertThat(updated.autoScalingGroupProvider().managedTerminationProtection())
                .as("not given: kept").isEqualTo(ManagedTerminationProtection.ENABLED);
        assertThat(ecs.describeCapacityProviders(b -> b.capacityProviders("asg-cp")).capacityProviders().get(0))
                .isEqualTo(updated);
        assertThatThrownBy(() -> ecs.updateCapacityProvider(b -> b.name("asg-cp").autoScalingGroupProvider(a -> a
                .managedScaling(m -> m.status(ManagedScalingStatus.DISABLED)))))
                .as("termination protection needs managed scaling").isInstanceOf(ClientException.class);
    }
}
