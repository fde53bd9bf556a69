package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.defaultVpc;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.shell;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ManagedAgentName;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlatformUnknownException;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * RunTask's options and rules through the real SDK, as the ECS API reference describes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html). The clock stands
 * still: these are about what RunTask answers.
 */
@EmulatorTest(account = "210987654321")
class RunTaskApiTest {
    static final String CLUSTER = "runtask";
    static final String SPOT_CLUSTER = "spot";
    static Emulator emulator;
    static EcsClient ecs;

    @BeforeAll
    static void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        ecs.createCluster(b -> b.clusterName(SPOT_CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(item("FARGATE", 1, 1), item("FARGATE_SPOT", 0, 3)));
        register(ecs, "web", web());
        ecs.registerTaskDefinition(TaskFixtures.fargate("tagged").containerDefinitions(web())
                .tags(tag("team", "payments"), tag("app", "web")).build());
    }

    @Test
    @DisplayName("RunTask's tasks carry the cluster, task definition, launch type, group family:<name>, startedBy and the platform version LATEST stands for")
    void answersTheTasksItStarted() {
        RunTaskResponse response = ecs.runTask(request("web", r -> r.count(3).startedBy("nightly-job/42")));

        assertThat(response.failures()).isEmpty();
        assertThat(response.tasks()).hasSize(3).allSatisfy(task -> {
            assertThat(task.taskArn()).matches("arn:aws:ecs:us-east-1:210987654321:task/runtask/[0-9a-f]{32}");
            assertThat(task.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:210987654321:cluster/runtask");
            assertThat(task.taskDefinitionArn()).endsWith(":task-definition/web:1");
            assertThat(task.launchType()).isEqualTo(LaunchType.FARGATE);
            assertThat(task.capacityProviderName()).isNull();
            assertThat(task.group()).isEqualTo("family:web");
            assertThat(task.startedBy()).isEqualTo("nightly-job/42");
            assertThat(task.platformVersion()).isEqualTo("1.4.0");
            assertThat(task.platformFamily()).isEqualTo("Linux");
            assertThat(task.cpu()).isEqualTo("256");
            assertThat(task.memory()).isEqualTo("512");
            assertThat(task.ephemeralStorage().sizeInGiB()).isEqualTo(20);
            assertThat(task.overrides().containerOverrides()).singleElement()
                    .satisfies(o -> assertThat(o.name()).isEqualTo("web"));
        });
        assertThat(response.tasks()).extracting(Task::taskArn).doesNotHaveDuplicates();
        assertThat(response.tasks()).extracting(Task::availabilityZone).as("spread over the default VPC's zones")
                .containsExactlyInAnyOrder("us-east-1a", "us-east-1b", "us-east-1c");
    }

    @Test
    @DisplayName("Without a launch type the cluster's default strategy places tasks: FARGATE base 1 weight 1, FARGATE_SPOT weight 3 puts 5 tasks 2 and 3")
    void defaultCapacityProviderStrategy() {
        List<Task> tasks = ecs.runTask(RunTaskRequest.builder().cluster(SPOT_CLUSTER).taskDefinition("web").count(5)
                .networkConfiguration(defaultVpc()).build()).tasks();

        Map<String, Long> byProvider = tasks.stream().collect(Collectors.groupingBy(Task::capacityProviderName,
                Collectors.counting()));
        assertThat(byProvider).containsExactlyInAnyOrderEntriesOf(Map.of("FARGATE", 2L, "FARGATE_SPOT", 3L));
        assertThat(tasks).allSatisfy(task -> assertThat(task.launchType()).isEqualTo(LaunchType.FARGATE));
    }

    @Test
    @DisplayName("A request's own capacity provider strategy wins over the cluster's")
    void ownStrategy() {
        List<Task> tasks = ecs.runTask(RunTaskRequest.builder().cluster(SPOT_CLUSTER).taskDefinition("web").count(2)
                .capacityProviderStrategy(item("FARGATE_SPOT", 0, 1)).networkConfiguration(defaultVpc()).build()).tasks();

        assertThat(tasks).extracting(Task::capacityProviderName).containsExactly("FARGATE_SPOT", "FARGATE_SPOT");
    }

    @Test
    @DisplayName("Neither a launch type nor a default strategy means EC2: a failure, \"No Container Instances were found in your cluster.\", and no task")
    void ec2LaunchTypeFindsNoInstances() {
        RunTaskResponse response = ecs.runTask(RunTaskRequest.builder().cluster(CLUSTER).taskDefinition("web")
                .networkConfiguration(defaultVpc()).startedBy("no-instances").build());

        assertThat(response.tasks()).isEmpty();
        assertThat(response.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("No Container Instances were found in your cluster."));
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("no-instances")).taskArns()).isEmpty();
    }

    @Test
    @DisplayName("Overrides reach the task: a container's command and environment, the task's cpu and memory")
    void overrides() {
        Task task = run(ecs, CLUSTER, "web", r -> r.overrides(o -> o.cpu("512").memory("1 GB").containerOverrides(c -> c
                .name("web").command("sh", "-c", "exit 7").environment(e -> e.name("MODE").value("batch")))));

        assertThat(task.cpu()).isEqualTo("512");
        assertThat(task.memory()).isEqualTo("1024");
        assertThat(task.overrides().containerOverrides()).singleElement().satisfies(o -> {
            assertThat(o.command()).containsExactly("sh", "-c", "exit 7");
            assertThat(o.environment()).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo("batch"));
        });
    }

    @Test
    @DisplayName("Tags are set, and propagateTags TASK_DEFINITION adds the task definition's; DescribeTasks shows them with include TAGS")
    void tagsAndPropagation() {
        Task task = run(ecs, CLUSTER, "tagged", r -> r.tags(tag("app", "override"), tag("run", "1"))
                .propagateTags(PropagateTags.TASK_DEFINITION));

        List<Tag> described = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn()).includeWithStrings("TAGS"))
                .tasks().get(0).tags();
        assertThat(described).containsExactlyInAnyOrder(tag("team", "payments"), tag("app", "override"), tag("run", "1"));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags()).hasSize(3);
    }

    @Test
    @DisplayName("enableExecuteCommand gives every container the ExecuteCommandAgent; it needs a task role")
    void executeCommand() {
        ecs.registerTaskDefinition(TaskFixtures.fargate("exec").taskRoleArn("arn:aws:iam::210987654321:role/app")
                .containerDefinitions(web()).build());

        Task task = run(ecs, CLUSTER, "exec", r -> r.enableExecuteCommand(true));

        assertThat(task.enableExecuteCommand()).isTrue();
        assertThat(task.containers().get(0).managedAgents()).singleElement()
                .satisfies(a -> assertThat(a.name()).isEqualTo(ManagedAgentName.EXECUTE_COMMAND_AGENT));
        refused(() -> run(ecs, CLUSTER, "web", r -> r.enableExecuteCommand(true)), InvalidParameterException.class,
                "enableExecuteCommand needs a task role");
    }

    @Test
    @DisplayName("The same clientToken with the same request answers the same tasks; with another request it is a ConflictException")
    void clientTokenIsIdempotent() {
        RunTaskRequest first = request("web", r -> r.clientToken("token-1").count(2));
        List<String> started = ecs.runTask(first).tasks().stream().map(Task::taskArn).toList();

        List<String> again = ecs.runTask(first).tasks().stream().map(Task::taskArn).toList();

        assertThat(again).isEqualTo(started);
        assertThatThrownBy(() -> ecs.runTask(request("web", r -> r.clientToken("token-1").count(3))))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).resourceIds()).containsExactlyElementsOf(started));
    }

    @Test
    @DisplayName("RunTask's refusals, each with AWS's error code, and nothing started")
    void refusals() {
        ecs.registerTaskDefinition(TaskFixtures.fargate("retired").containerDefinitions(web()).build());
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("retired:1"));
        ecs.registerTaskDefinition(r -> r.family("bridge").networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(ContainerDefinition.builder().name("web").image(TaskFixtures.NGINX).memory(128).build()));
        int before = ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns().size();

        refused(() -> run(ecs, "no-such-cluster", "web"), ClusterNotFoundException.class, "Cluster not found.");
        refused(() -> run(ecs, CLUSTER, "no-such-family"), ClientException.class, "TaskDefinition not found.");
        refused(() -> run(ecs, CLUSTER, "retired:1"), ClientException.class, "TaskDefinition is inactive.");
        refused(() -> run(ecs, CLUSTER, "bridge"), ClientException.class, "Task definition does not support launch_type FARGATE.");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.count(11)), InvalidParameterException.class, "count must be between 1 and 10");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.capacityProviderStrategy(item("FARGATE", 0, 1))),
                InvalidParameterException.class, "Specifying both a launch type and capacity provider strategy is not supported.");
        refused(() -> ecs.runTask(RunTaskRequest.builder().cluster(CLUSTER).taskDefinition("web")
                        .capacityProviderStrategy(item("FARGATE", 0, 1)).networkConfiguration(defaultVpc()).build()),
                InvalidParameterException.class, "The specified capacity provider strategy cannot contain a capacity provider "
                        + "that is not associated with the cluster.");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.networkConfiguration((software.amazon.awssdk.services.ecs.model
                        .NetworkConfiguration) null)), InvalidParameterException.class,
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets("subnet-nope")))), InvalidParameterException.class,
                "Error retrieving subnet information for [subnet-nope]");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.overrides(o -> o.containerOverrides(c -> c.name("api")))),
                InvalidParameterException.class, "Override for container named api is not a container in the TaskDefinition.");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.overrides(o -> o.cpu("256").memory("4096"))), ClientException.class,
                "No Fargate configuration exists for given values: 256 CPU, 4096 memory.");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.platformVersion("9.9.9")), PlatformUnknownException.class,
                "The specified platform version does not exist.");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.propagateTags(PropagateTags.SERVICE)), InvalidParameterException.class,
                "propagateTags SERVICE is for the tasks of a service");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.placementStrategy(p -> p.type("spread").field("attribute:ecs.availability-zone"))),
                InvalidParameterException.class, "not supported for tasks on Fargate");
        refused(() -> run(ecs, CLUSTER, "web", r -> r.startedBy("not allowed!")), InvalidParameterException.class,
                "startedBy allows up to 128 letters");

        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).as("tasks in the cluster").hasSize(before);
        assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).pendingTasksCount())
                .as("pending tasks: only those started by the other tests").isEqualTo(before);
    }

    @Test
    @DisplayName("A task that pins a catalogue image by digest reports that digest")
    void pinnedDigest() {
        String digest = dev.ecslabs.emulator.runtime.PublicImageCatalogue.digestOf("docker.io/library/busybox", "1.37");
        register(ecs, "pinned", shell("job", "exit 0").toBuilder().image("busybox@" + digest).build());

        Task task = run(ecs, CLUSTER, "pinned");

        assertThat(task.containers().get(0).image()).isEqualTo("busybox@" + digest);
    }

    private static RunTaskRequest request(String taskDefinition, Consumer<RunTaskRequest.Builder> more) {
        RunTaskRequest.Builder request = RunTaskRequest.builder().cluster(CLUSTER).taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE).networkConfiguration(defaultVpc());
        more.accept(request);
        return request.build();
    }

    private static void refused(ThrowingCallable call, Class<? extends Exception> type, String message) {
        assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(message);
    }

    static CapacityProviderStrategyItem item(String provider, int base, int weight) {
        return CapacityProviderStrategyItem.builder().capacityProvider(provider).base(base).weight(weight).build();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
