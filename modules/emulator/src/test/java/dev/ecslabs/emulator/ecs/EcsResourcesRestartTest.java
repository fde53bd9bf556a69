package dev.ecslabs.emulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import dev.ecslabs.emulator.ecs.instance.Ec2Instances;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;

/**
 * The ECS resources journaled one by one (account settings, task protections, container
 * instances) across a crash: the data directory is taken as a {@code kill -9} leaves it, with no
 * checkpoint since the calls, and a second emulator started on the copy.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so it starts its emulators itself.
 */
class EcsResourcesRestartTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("Account settings and a task's scale-in protection are found after a crash, the protection with its expiry")
    void accountSettingsAndTaskProtection() throws Exception {
        ManualClock clock = new ManualClock();
        Path data = temp.resolve("data");
        try (Emulator first = started(data, clock); EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName("web"));
            ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27")));
            ecs.createService(b -> b.cluster("web").serviceName("web").taskDefinition("web").desiredCount(1)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            clock.advance(Duration.ofMinutes(2));
        } // a clean stop: the checkpoint keeps the service's running task, which the scheduler's steps (not journaled) started
        String taskArn;
        Instant expires;
        try (Emulator second = started(data, new ManualClock(clock.now())); EcsClient ecs = AwsClients.ecs(second)) {
            ecs.putAccountSettingDefault(b -> b.name(SettingName.AWSVPC_TRUNKING).value("enabled"));
            ecs.putAccountSetting(b -> b.name(SettingName.CONTAINER_INSIGHTS).value("enhanced")
                    .principalArn("arn:aws:iam::000000000000:role/ops"));
            taskArn = ecs.listTasks(b -> b.cluster("web")).taskArns().get(0);
            expires = ecs.updateTaskProtection(b -> b.cluster("web").tasks(taskArn).protectionEnabled(true)
                    .expiresInMinutes(90)).protectedTasks().get(0).expirationDate();

            Path crashed = Restarts.crashImage(data, temp.resolve("crashed"));
            assertThat(crashed.toFile().list((dir, name) -> name.startsWith("journal-")))
                    .as("the journal carries the calls after the checkpoint").isNotEmpty();
            try (Emulator third = started(crashed, new ManualClock(clock.now())); EcsClient after = AwsClients.ecs(third)) {
                assertThat(after.listAccountSettings(b -> { }).settings()).extracting(Setting::name, Setting::value)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(SettingName.AWSVPC_TRUNKING, "enabled"));
                assertThat(after.listAccountSettings(b -> b.principalArn("arn:aws:iam::000000000000:role/ops"))
                        .settings()).extracting(Setting::value).containsExactly("enhanced");
                List<ProtectedTask> protectedTasks = after.getTaskProtection(b -> b.cluster("web").tasks(taskArn))
                        .protectedTasks();
                assertThat(protectedTasks).singleElement().satisfies(t -> {
                    assertThat(t.protectionEnabled()).isTrue();
                    assertThat(t.expirationDate()).isEqualTo(expires);
                });
            }
        }
    }

    @Test
    @DisplayName("Container instances, with a custom attribute and one DRAINING, and a deregistered one, are found after a crash")
    void containerInstances() throws Exception {
        ManualClock clock = new ManualClock();
        List<String> arns;
        try (Emulator first = started(temp.resolve("data"), clock); EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName("ec2"));
            arns = Ec2Instances.launch(first, "000000000000", "ec2", "m5.large", 3, "&attribute=stack:prod");
            ecs.updateContainerInstancesState(b -> b.cluster("ec2").containerInstances(arns.get(1))
                    .status(ContainerInstanceStatus.DRAINING));
            ecs.deregisterContainerInstance(b -> b.cluster("ec2").containerInstance(arns.get(2)));

            Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
            try (Emulator second = started(crashed, new ManualClock(clock.now())); EcsClient after = AwsClients.ecs(second)) {
                List<ContainerInstance> instances = after.describeContainerInstances(b -> b.cluster("ec2")
                        .containerInstances(arns)).containerInstances();
                assertThat(instances).extracting(ContainerInstance::status).containsExactly("ACTIVE", "DRAINING", "INACTIVE");
                assertThat(instances.get(0).attributes()).extracting(Attribute::name).contains("stack", "ecs.instance-type");
                assertThat(after.listContainerInstances(b -> b.cluster("ec2").filter("attribute:stack == prod"))
                        .containerInstanceArns()).containsExactlyInAnyOrder(arns.get(0), arns.get(1));
                assertThat(after.describeClusters(b -> b.clusters("ec2")).clusters().get(0).registeredContainerInstancesCount())
                        .isEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("An EC2 task keeps its container instance, host port and reservation across a crash, and keeps running after it")
    void ec2Task() throws Exception {
        ManualClock clock = new ManualClock();
        try (Emulator first = started(temp.resolve("data"), clock); EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName("ec2"));
            String instance = Ec2Instances.launch(first, "000000000000", "ec2", "t3.micro", 1, "").get(0);
            ecs.registerTaskDefinition(b -> b.family("web").requiresCompatibilities(Compatibility.EC2)
                    .networkMode(NetworkMode.BRIDGE).containerDefinitions(c -> c.name("web")
                            .image("public.ecr.aws/nginx/nginx:1.27").memory(256).portMappings(p -> p.containerPort(80))));
            String task = ecs.runTask(b -> b.cluster("ec2").taskDefinition("web").launchType(LaunchType.EC2)).tasks().get(0)
                    .taskArn();

            Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
            ManualClock after = new ManualClock(clock.now());
            try (Emulator second = started(crashed, after); EcsClient ecs2 = AwsClients.ecs(second)) {
                after.advance(Duration.ofMinutes(1));
                var described = ecs2.describeTasks(b -> b.cluster("ec2").tasks(task)).tasks().get(0);
                assertThat(described.containerInstanceArn()).isEqualTo(instance);
                assertThat(described.lastStatus()).isEqualTo("RUNNING");
                assertThat(described.containers().get(0).networkBindings().get(0).hostPort()).isEqualTo(32768);
                ContainerInstance on = ecs2.describeContainerInstances(b -> b.cluster("ec2").containerInstances(instance))
                        .containerInstances().get(0);
                assertThat(on.runningTasksCount()).isEqualTo(1);
                assertThat(on.remainingResources()).filteredOn(r -> r.name().equals("MEMORY")).singleElement()
                        .satisfies(r -> assertThat(r.integerValue()).isEqualTo(896 - 256));
            }
        }
    }

    static Emulator started(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
    }
}
