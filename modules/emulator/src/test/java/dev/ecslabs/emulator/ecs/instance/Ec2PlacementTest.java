package dev.ecslabs.emulator.ecs.instance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Task placement on the EC2 launch type against the examples of the ECS developer guide: dynamic
 * host ports in bridge mode (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html),
 * binpack, spread and their order (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html),
 * distinctInstance and memberOf (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html),
 * and the failure reasons (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/api_failures_messages.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class Ec2PlacementTest {
    static final String ACCOUNT = "123456789012";
    static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;

    @BeforeEach
    void cluster() {
        ecs.createCluster(b -> b.clusterName("ec2"));
    }

    @Test
    @DisplayName("Bridge mode with hostPort 0 gets dynamic host ports from 32768 up; the instance's remaining CPU, MEMORY and PORTS show the reservation")
    void dynamicHostPorts() {
        String instance = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 1, "").get(0);
        register("web", NetworkMode.BRIDGE, 256, 128, 0);

        RunTaskResponse run = run("web", 2, List.of(), List.of());

        assertThat(run.failures()).isEmpty();
        assertThat(run.tasks()).allSatisfy(t -> {
            assertThat(t.launchType()).isEqualTo(LaunchType.EC2);
            assertThat(t.containerInstanceArn()).isEqualTo(instance);
            assertThat(t.availabilityZone()).isEqualTo("us-east-1a");
        });
        assertThat(run.tasks()).flatExtracting(t -> t.containers().get(0).networkBindings()).extracting(NetworkBinding::hostPort)
                .containsExactlyInAnyOrder(32768, 32769);
        ContainerInstance described = describe(instance);
        assertThat(integer(described, "CPU")).isEqualTo(2048 - 512);
        assertThat(integer(described, "MEMORY")).isEqualTo(896 - 256);
        assertThat(described.remainingResources()).filteredOn(r -> r.name().equals("PORTS")).singleElement()
                .satisfies(r -> assertThat(r.stringSetValue()).contains("22", "32768", "32769"));
        assertThat(described.pendingTasksCount()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(describe(instance).runningTasksCount()).isEqualTo(2);
        assertThat(ecs.listTasks(b -> b.cluster("ec2").containerInstance(instance)).taskArns()).hasSize(2);
        ecs.stopTask(b -> b.cluster("ec2").task(run.tasks().get(0).taskArn()));
        clock.advance(Duration.ofMinutes(2));
        assertThat(integer(describe(instance), "MEMORY")).as("a STOPPED task gives its memory back").isEqualTo(896 - 128);
    }

    @Test
    @DisplayName("A static host port fits once per instance: the second task fails with RESOURCE:PORTS naming the instance")
    void staticHostPort() {
        String instance = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.small", 1, "").get(0);
        register("web", NetworkMode.BRIDGE, 128, 128, 80);

        RunTaskResponse run = run("web", 2, List.of(), List.of());

        assertThat(run.tasks()).hasSize(1);
        assertThat(run.failures()).extracting(Failure::arn, Failure::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(instance, "RESOURCE:PORTS"));
    }

    @Test
    @DisplayName("Not enough memory or CPU anywhere: one failure per instance, RESOURCE:MEMORY or RESOURCE:CPU, and no task")
    void resourceFailures() {
        List<String> instances = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 2, "");
        register("big", NetworkMode.BRIDGE, 256, 2048, 0);
        register("busy", NetworkMode.BRIDGE, 4096, 128, 0);

        assertThat(run("big", 1, List.of(), List.of()).failures()).extracting(Failure::arn, Failure::reason)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(instances.get(0), "RESOURCE:MEMORY"),
                        org.assertj.core.groups.Tuple.tuple(instances.get(1), "RESOURCE:MEMORY"));
        assertThat(run("busy", 1, List.of(), List.of()).failures()).extracting(Failure::reason).containsOnly("RESOURCE:CPU");
        assertThat(ecs.listTasks(b -> b.cluster("ec2")).taskArns()).isEmpty();
    }

    @Test
    @DisplayName("binpack on memory places each task on the instance with the least memory left that still fits it")
    void binpackMemory() {
        String small = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.small", 1, "").get(0);
        String large = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.large", 1, "").get(0);
        register("worker", NetworkMode.BRIDGE, 128, 512, 0);

        RunTaskResponse run = run("worker", 4, List.of(), List.of(binpack("memory")));

        // t3.small registers 1,920 MiB: three 512 MiB tasks fit there; the fourth goes to the t3.large.
        assertThat(run.tasks()).extracting(Task::containerInstanceArn).containsExactly(small, small, small, large);
    }

    @Test
    @DisplayName("spread on attribute:ecs.availability-zone puts one task in each zone before a second in any; then binpack within the zone")
    void spreadThenBinpack() {
        Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 3, "");
        register("web", NetworkMode.BRIDGE, 128, 256, 0);

        RunTaskResponse run = run("web", 6, List.of(),
                List.of(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("attribute:ecs.availability-zone").build(),
                        binpack("memory")));

        Map<String, Long> perZone = run.tasks().stream().collect(Collectors.groupingBy(Task::availabilityZone, Collectors.counting()));
        assertThat(perZone).containsOnly(Map.entry("us-east-1a", 2L), Map.entry("us-east-1b", 2L), Map.entry("us-east-1c", 2L));
    }

    @Test
    @DisplayName("distinctInstance places each task of the group on a different instance; the third of three finds none")
    void distinctInstance() {
        Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 2, "");
        register("web", NetworkMode.BRIDGE, 128, 128, 0);

        RunTaskResponse run = run("web", 3, List.of(PlacementConstraint.builder().type(PlacementConstraintType.DISTINCT_INSTANCE).build()),
                List.of());

        assertThat(run.tasks()).extracting(Task::containerInstanceArn).doesNotHaveDuplicates().hasSize(2);
        assertThat(run.failures()).extracting(Failure::reason).containsOnly("DistinctInstance placement constraint unsatisfied.");
    }

    @Test
    @DisplayName("memberOf with the cluster query language limits placement to matching instances (attribute:ecs.instance-type =~ t3.*)")
    void memberOf() {
        String t3 = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 1, "").get(0);
        String m5 = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "m5.large", 1, "").get(0);
        register("web", NetworkMode.BRIDGE, 128, 128, 0);
        List<PlacementConstraint> onlyT3 = List.of(PlacementConstraint.builder().type(PlacementConstraintType.MEMBER_OF)
                .expression("attribute:ecs.instance-type =~ t3.*").build());

        RunTaskResponse run = run("web", 3, onlyT3, List.of());
        RunTaskResponse none = run("web", 1, List.of(PlacementConstraint.builder().type(PlacementConstraintType.MEMBER_OF)
                .expression("attribute:ecs.instance-type == c5.large").build()), List.of());

        assertThat(run.tasks()).extracting(Task::containerInstanceArn).containsOnly(t3);
        assertThat(none.failures()).extracting(Failure::arn, Failure::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(t3, "MemberOf placement constraint unsatisfied."),
                org.assertj.core.groups.Tuple.tuple(m5, "MemberOf placement constraint unsatisfied."));
    }

    @Test
    @DisplayName("awsvpc tasks take one ENI each: a t3.micro (2 ENIs, one its own) holds one; the next is RESOURCE:ENI")
    void awsvpcEniLimit() {
        String instance = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.micro", 1, "").get(0);
        register("vpc", NetworkMode.AWSVPC, 128, 128, 0);

        RunTaskResponse run = ecs.runTask(b -> b.cluster("ec2").taskDefinition("vpc").launchType(LaunchType.EC2).count(2)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));

        assertThat(run.tasks()).singleElement().satisfies(t -> assertThat(t.attachments()).singleElement()
                .satisfies(a -> assertThat(a.type()).isEqualTo("ElasticNetworkInterface")));
        assertThat(run.failures()).extracting(Failure::arn, Failure::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(instance, "RESOURCE:ENI"));
        clock.advance(Duration.ofMinutes(1));
        Task running = ecs.describeTasks(b -> b.cluster("ec2").tasks(run.tasks().get(0).taskArn())).tasks().get(0);
        assertThat(running.lastStatus()).isEqualTo("RUNNING");
        assertThat(running.attachments().get(0).details()).anySatisfy(d -> assertThat(d.name()).isEqualTo("privateIPv4Address"));
    }

    @Test
    @DisplayName("With the awsvpcTrunking account setting, an m5.large launched after it takes 10 awsvpc tasks instead of 2 (ENI trunking)")
    void awsvpcTrunking() {
        String plain = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "m5.large", 1, "").get(0);
        ecs.putAccountSettingDefault(b -> b.name(software.amazon.awssdk.services.ecs.model.SettingName.AWSVPC_TRUNKING).value("enabled"));
        String trunked = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "m5.large", 1, "").get(0);
        register("vpc", NetworkMode.AWSVPC, 64, 64, 0);

        for (String instance : List.of(plain, trunked)) {
            for (int i = 0; i < 10; i++) {
                ecs.startTask(b -> b.cluster("ec2").taskDefinition("vpc").containerInstances(instance)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS))));
            }
        }

        assertThat(ecs.listTasks(b -> b.cluster("ec2").containerInstance(plain)).taskArns()).hasSize(2);
        assertThat(ecs.listTasks(b -> b.cluster("ec2").containerInstance(trunked)).taskArns()).hasSize(10);
        assertThat(describe(trunked).attributes()).anySatisfy(a -> assertThat(a.name()).isEqualTo("ecs.awsvpc-trunk-id"));
    }

    @Test
    @DisplayName("StartTask places one task on each instance it names, and a task definition that needs an attribute the instance lacks is ATTRIBUTE")
    void startTask() {
        List<String> instances = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "t3.medium", 2, "");
        String arm = Ec2Instances.launch(emulator, ACCOUNT, "ec2", "c6g.large", 1, "").get(0);
        register("web", NetworkMode.BRIDGE, 128, 128, 0);

        var started = ecs.startTask(b -> b.cluster("ec2").taskDefinition("web").containerInstances(instances.get(1), arm));

        assertThat(started.tasks()).extracting(Task::containerInstanceArn).containsExactly(instances.get(1));
        assertThat(started.failures()).extracting(Failure::arn, Failure::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(arm, "ATTRIBUTE"));
    }

    @Test
    @DisplayName("With no container instance at all, RunTask answers \"No Container Instances were found in your cluster.\"")
    void noInstances() {
        register("web", NetworkMode.BRIDGE, 128, 128, 0);

        assertThat(run("web", 1, List.of(), List.of()).failures()).extracting(Failure::reason)
                .containsExactly("No Container Instances were found in your cluster.");
    }

    private void register(String family, NetworkMode mode, int cpu, int memory, int hostPort) {
        ecs.registerTaskDefinition(b -> b.family(family).requiresCompatibilities(Compatibility.EC2).networkMode(mode)
                .containerDefinitions(c -> c.name("app").image(NGINX).cpu(cpu).memory(memory).essential(true)
                        .portMappings(p -> p.containerPort(80).hostPort(mode == NetworkMode.AWSVPC ? null : hostPort))));
    }

    private RunTaskResponse run(String family, int count, List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {
        return ecs.runTask(b -> b.cluster("ec2").taskDefinition(family).launchType(LaunchType.EC2).count(count)
                .placementConstraints(constraints).placementStrategy(strategies));
    }

    private ContainerInstance describe(String arn) {
        return ecs.describeContainerInstances(b -> b.cluster("ec2").containerInstances(arn)).containerInstances().get(0);
    }

    private static int integer(ContainerInstance instance, String name) {
        return instance.remainingResources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().integerValue();
    }

    private static PlacementStrategy binpack(String field) {
        return PlacementStrategy.builder().type(PlacementStrategyType.BINPACK).field(field).build();
    }
}
