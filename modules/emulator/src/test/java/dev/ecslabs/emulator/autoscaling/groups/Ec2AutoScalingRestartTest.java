package dev.ecslabs.emulator.autoscaling.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;

/**
 * EC2 Auto Scaling groups and ECS's Auto Scaling group capacity providers across a crash: the
 * journal alone (no checkpoint) carries them, and a Pending instance still goes InService and
 * registers with its cluster on the clock after the restart.
 */
class Ec2AutoScalingRestartTest {
    static final String ACCOUNT = "111111111111";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock();
    private Emulator first;

    @BeforeEach
    void start() {
        first = started(temp.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        first.close();
    }

    private static Emulator started(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
    }

    @Test
    @DisplayName("A group with a Pending instance and its capacity provider survive a crash; the instance then boots and registers")
    void groupsAndProviders() {
        try (AutoScalingClient autoScaling = AwsClients.client(AutoScalingClient.builder(), first, ACCOUNT);
             EcsClient ecs = AwsClients.client(EcsClient.builder(), first, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName("labs"));
            autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName("asg").minSize(1).maxSize(3).desiredCapacity(1)
                    .availabilityZones("us-east-1a").launchTemplate(t -> t.launchTemplateId("lt-0123456789abcdef0")));
            String arn = autoScaling.describeAutoScalingGroups(b -> { }).autoScalingGroups().get(0).autoScalingGroupARN();
            ecs.createCapacityProvider(b -> b.name("asg-cp").autoScalingGroupProvider(a -> a.autoScalingGroupArn(arn)
                    .managedScaling(m -> m.status(ManagedScalingStatus.ENABLED).targetCapacity(80))));
            ecs.putClusterCapacityProviders(b -> b.cluster("labs").capacityProviders("asg-cp")
                    .defaultCapacityProviderStrategy(s -> s.capacityProvider("asg-cp").weight(1)));
        }
        Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
        assertThat(crashed.resolve("state.json")).as("no checkpoint: the journal alone carries the changes").doesNotExist();
        ManualClock later = new ManualClock(clock.now());
        try (Emulator second = started(crashed, later);
             AutoScalingClient autoScaling = AwsClients.client(AutoScalingClient.builder(), second, ACCOUNT);
             EcsClient ecs = AwsClients.client(EcsClient.builder(), second, ACCOUNT)) {
            assertThat(Restarts.report(second)).contains("journal record").doesNotContain("problem");
            AutoScalingGroup group = autoScaling.describeAutoScalingGroups(b -> { }).autoScalingGroups().get(0);
            assertThat(group.launchTemplate().launchTemplateId()).isEqualTo("lt-0123456789abcdef0");
            assertThat(group.instances()).singleElement().satisfies(i -> assertThat(i.lifecycleState()).isEqualTo(LifecycleState.PENDING));
            assertThat(ecs.describeCapacityProviders(b -> b.capacityProviders("asg-cp")).capacityProviders())
                    .singleElement().satisfies((CapacityProvider p) ->
                            assertThat(p.autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(80));

            later.advance(GroupInstances.BOOT);

            assertThat(autoScaling.describeAutoScalingGroups(b -> { }).autoScalingGroups().get(0).instances())
                    .singleElement().satisfies(i -> assertThat(i.lifecycleState()).isEqualTo(LifecycleState.IN_SERVICE));
            assertThat(ecs.listContainerInstances(b -> b.cluster("labs")).containerInstanceArns()).hasSize(1);
        }
    }

    @Test
    @DisplayName("A task waiting PROVISIONING for capacity survives a crash, and runs once managed scaling has added an instance")
    void waitingTask() {
        String taskArn;
        try (AutoScalingClient autoScaling = AwsClients.client(AutoScalingClient.builder(), first, ACCOUNT);
             EcsClient ecs = AwsClients.client(EcsClient.builder(), first, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName("labs"));
            autoScaling.createAutoScalingGroup(b -> b.autoScalingGroupName("asg").minSize(0).maxSize(2).desiredCapacity(0)
                    .availabilityZones("us-east-1a").launchTemplate(t -> t.launchTemplateName("ecs")));
            ecs.createCapacityProvider(b -> b.name("asg-cp").autoScalingGroupProvider(a -> a.autoScalingGroupArn("asg")
                    .managedScaling(m -> m.status(ManagedScalingStatus.ENABLED))));
            ecs.putClusterCapacityProviders(b -> b.cluster("labs").capacityProviders("asg-cp")
                    .defaultCapacityProviderStrategy(s -> s.capacityProvider("asg-cp").weight(1)));
            ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.EC2)
                    .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27").memory(256)));
            taskArn = ecs.runTask(b -> b.cluster("labs").taskDefinition("web")).tasks().get(0).taskArn();
        }
        Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
        ManualClock later = new ManualClock(clock.now());
        try (Emulator second = started(crashed, later);
             EcsClient ecs = AwsClients.client(EcsClient.builder(), second, ACCOUNT)) {
            assertThat(ecs.describeTasks(b -> b.cluster("labs").tasks(taskArn)).tasks().get(0).lastStatus()).isEqualTo("PROVISIONING");

            later.advance(Duration.ofMinutes(1).plus(GroupInstances.BOOT).plusSeconds(30));

            assertThat(ecs.describeTasks(b -> b.cluster("labs").tasks(taskArn)).tasks().get(0).lastStatus()).isEqualTo("RUNNING");
        }
    }
}
