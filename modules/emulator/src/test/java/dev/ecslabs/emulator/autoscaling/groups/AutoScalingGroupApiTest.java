package dev.ecslabs.emulator.autoscaling.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AlreadyExistsException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.ResourceInUseException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * EC2 Auto Scaling groups through the SDK's AutoScalingClient (AWS Query) on a manual clock
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html,
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html): instances
 * go Pending → InService and register with the cluster their ECS_CLUSTER tag names, scale in ends
 * unprotected instances only, and the group's sizes follow AWS's rules.
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST, account = "210987654321")
class AutoScalingGroupApiTest {
    static final String SUBNETS = "subnet-0ec5c0ffee000000a,subnet-0ec5c0ffee000000b";

    AutoScalingClient autoScaling;
    EcsClient ecs;
    ManualClock clock;

    private void createGroup(String name, int min, int max, int desired, boolean protectNew) {
        autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName(name).minSize(min).maxSize(max).desiredCapacity(desired)
                .vpcZoneIdentifier(SUBNETS).newInstancesProtectedFromScaleIn(protectNew)
                .mixedInstancesPolicy(p -> p.launchTemplate(t -> t
                        .launchTemplateSpecification(s -> s.launchTemplateName("ecs-optimized").version("$Latest"))
                        .overrides(o -> o.instanceType("m5.large"))))
                .tags(t -> t.key("ECS_CLUSTER").value("labs").propagateAtLaunch(true)));
    }

    private AutoScalingGroup group(String name) {
        return autoScaling.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name)).autoScalingGroups().get(0);
    }

    private List<ContainerInstance> containerInstances() {
        List<String> arns = ecs.listContainerInstances(b -> b.cluster("labs")).containerInstanceArns();
        return arns.isEmpty() ? List.of() : ecs.describeContainerInstances(b -> b.cluster("labs").containerInstances(arns))
                .containerInstances();
    }

    @Test
    @DisplayName("A new group launches its desired capacity Pending, balanced over its zones; InService after boot, each registers with the ECS_CLUSTER cluster")
    void launchesAndRegisters() {
        ecs.createCluster(b -> b.clusterName("labs"));
        createGroup("web", 0, 4, 2, false);

        AutoScalingGroup group = group("web");
        assertThat(group.autoScalingGroupARN()).startsWith("arn:aws:autoscaling:us-east-1:210987654321:autoScalingGroup:")
                .endsWith(":autoScalingGroupName/web");
        assertThat(group.instances()).hasSize(2).extracting(Instance::lifecycleState).containsOnly(LifecycleState.PENDING);
        assertThat(group.instances()).extracting(Instance::availabilityZone).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(group.instances()).extracting(Instance::instanceType).containsOnly("m5.large");
        assertThat(containerInstances()).as("nothing registers while the instances boot").isEmpty();

        clock.advance(GroupInstances.BOOT);

        assertThat(group("web").instances()).extracting(Instance::lifecycleState).containsOnly(LifecycleState.IN_SERVICE);
        assertThat(containerInstances()).extracting(ContainerInstance::ec2InstanceId)
                .containsExactlyInAnyOrderElementsOf(group("web").instances().stream().map(Instance::instanceId).toList());
        assertThat(containerInstances()).allSatisfy(ci -> assertThat(ci.attributes())
                .anySatisfy(a -> assertThat(a.name() + "=" + a.value()).isEqualTo("ecs.instance-type=m5.large")));
        assertThat(autoScaling.describeAutoScalingInstances(b -> { }).autoScalingInstances())
                .hasSize(2).allSatisfy(i -> assertThat(i.lifecycleState()).isEqualTo("InService"));
    }

    @Test
    @DisplayName("Scale in terminates an instance not protected from scale in; its container instance goes INACTIVE and the instance is gone after shutdown")
    void scaleInSparesProtectedInstances() {
        ecs.createCluster(b -> b.clusterName("labs"));
        createGroup("web", 0, 4, 2, false);
        clock.advance(GroupInstances.BOOT);
        String kept = group("web").instances().get(0).instanceId();
        autoScaling.setInstanceProtection(b -> b.autoScalingGroupName("web").instanceIds(kept).protectedFromScaleIn(true));

        autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("web").desiredCapacity(0));

        assertThat(group("web").instances()).filteredOn(i -> i.lifecycleState() == LifecycleState.TERMINATING)
                .singleElement().satisfies(i -> assertThat(i.instanceId()).isNotEqualTo(kept));
        assertThat(containerInstances()).extracting(ContainerInstance::ec2InstanceId).containsExactly(kept);
        clock.advance(GroupInstances.SHUTDOWN);
        assertThat(group("web").instances()).extracting(Instance::instanceId).containsExactly(kept);

        autoScaling.setInstanceProtection(b -> b.autoScalingGroupName("web").instanceIds(kept).protectedFromScaleIn(false));
        assertThat(group("web").instances()).singleElement().satisfies(i ->
                assertThat(i.lifecycleState()).as("unprotected, it is over the desired capacity").isEqualTo(LifecycleState.TERMINATING));
    }

    @Test
    @DisplayName("Sizes: min above max and a desired capacity outside them are ValidationErrors; UpdateAutoScalingGroup keeps desired within new bounds")
    void sizes() {
        assertThatThrownBy(() -> createGroup("bad", 3, 1, 1, false)).isInstanceOf(AutoScalingException.class)
                .satisfies(e -> assertThat(((AutoScalingException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"))
                .hasMessageContaining("Max bound, 1, must be greater than or equal to min bound, 3");
        createGroup("web", 0, 3, 1, false);
        assertThatThrownBy(() -> autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("web").desiredCapacity(5)))
                .isInstanceOf(AutoScalingException.class).hasMessageContaining("New SetDesiredCapacity value 5 is above max value 3");
        assertThatThrownBy(() -> createGroup("web", 0, 3, 1, false)).isInstanceOf(AlreadyExistsException.class);

        autoScaling.updateAutoScalingGroup(b -> b.autoScalingGroupName("web").minSize(2));
        assertThat(group("web").desiredCapacity()).as("raised to the new minimum").isEqualTo(2);
        assertThat(group("web").instances()).hasSize(2);
        assertThatThrownBy(() -> autoScaling.setDesiredCapacity(b -> b.autoScalingGroupName("nope").desiredCapacity(1)))
                .isInstanceOf(AutoScalingException.class).hasMessageContaining("AutoScalingGroup name not found");
    }

    @Test
    @DisplayName("DeleteAutoScalingGroup refuses a group with instances (ResourceInUse); ForceDelete terminates them and deregisters their container instances")
    void delete() {
        ecs.createCluster(b -> b.clusterName("labs"));
        createGroup("web", 1, 2, 1, true);
        clock.advance(GroupInstances.BOOT);
        assertThat(containerInstances()).hasSize(1);

        assertThatThrownBy(() -> autoScaling.deleteAutoScalingGroup(b -> b.autoScalingGroupName("web")))
                .isInstanceOf(ResourceInUseException.class);

        autoScaling.deleteAutoScalingGroup(b -> b.autoScalingGroupName("web").forceDelete(true));
        assertThat(autoScaling.describeAutoScalingGroups(b -> { }).autoScalingGroups()).isEmpty();
        assertThat(containerInstances()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(containerInstances()).isEmpty();
    }

    @Test
    @DisplayName("A group with neither a launch template nor a mixed instances policy is a ValidationError")
    void needsLaunchTemplate() {
        assertThatThrownBy(() -> autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName("x").minSize(0).maxSize(1)
                .vpcZoneIdentifier(SUBNETS)))
                .isInstanceOf(AutoScalingException.class).hasMessageContaining("LaunchTemplate");
    }

    @Test
    @DisplayName("TerminateInstanceInAutoScalingGroup ends a protected instance too; without decrementing, the group launches a replacement")
    void terminateInstance() {
        ecs.createCluster(b -> b.clusterName("labs"));
        createGroup("web", 1, 3, 2, true);
        clock.advance(GroupInstances.BOOT);
        String first = group("web").instances().get(0).instanceId();

        var activity = autoScaling.terminateInstanceInAutoScalingGroup(b -> b.instanceId(first).shouldDecrementDesiredCapacity(false))
                .activity();

        assertThat(activity.description()).isEqualTo("Terminating EC2 instance: " + first);
        assertThat(group("web").instances()).hasSize(3).anySatisfy(i -> {
            assertThat(i.instanceId()).isEqualTo(first);
            assertThat(i.lifecycleState()).isEqualTo(LifecycleState.TERMINATING);
        }).filteredOn(i -> i.lifecycleState() == LifecycleState.PENDING).as("its replacement").hasSize(1);
        String second = group("web").instances().get(1).instanceId();
        autoScaling.terminateInstanceInAutoScalingGroup(b -> b.instanceId(second).shouldDecrementDesiredCapacity(true));
        assertThat(group("web").desiredCapacity()).isEqualTo(1);
        assertThatThrownBy(() -> autoScaling.terminateInstanceInAutoScalingGroup(b -> b
                .instanceId(group("web").instances().stream().filter(i -> i.lifecycleState() == LifecycleState.PENDING)
                        .findFirst().orElseThrow().instanceId()).shouldDecrementDesiredCapacity(true)))
                .isInstanceOf(AutoScalingException.class).hasMessageContaining("min size constraint");
        assertThatThrownBy(() -> autoScaling.terminateInstanceInAutoScalingGroup(b -> b.instanceId("i-0123456789abcdef0")
                .shouldDecrementDesiredCapacity(false))).isInstanceOf(AutoScalingException.class)
                .hasMessageContaining("Instance Id not found");
    }
}
