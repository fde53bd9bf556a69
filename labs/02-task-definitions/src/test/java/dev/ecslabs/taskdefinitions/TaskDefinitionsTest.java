package dev.ecslabs.taskdefinitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

@Lab("02")
class TaskDefinitionsTest {

    @Exercise(value = 1, title = "Register the web app as a Fargate task definition",
            hint = "registerTaskDefinition takes the family, requiresCompatibilities(Compatibility.FARGATE), "
                    + "networkMode(NetworkMode.AWSVPC), cpu(\"256\"), memory(\"512\"), executionRoleArn and "
                    + "containerDefinitions(ContainerDefinition...). The container's PortMapping has a name and "
                    + "appProtocol; its LogConfiguration uses LogDriver.AWSLOGS with the options awslogs-group, "
                    + "awslogs-region and awslogs-stream-prefix; its HealthCheck command is [\"CMD-SHELL\", the command].")
    void registersTheWebApp(Backend backend, EcsClient ecs) {
        WebApp app = WebAppSamples.webApp(backend, backend.uniqueName("web"));

        TaskDefinition registered = WebAppTaskDefinitions.registerWebApp(ecs, app);

        assertThat(registered).as("the task definition you returned").isNotNull();
        TaskDefinition described = ecs.describeTaskDefinition(b -> b.taskDefinition(registered.taskDefinitionArn()))
                .taskDefinition();
        assertThat(described.family()).isEqualTo(app.family());
        assertThat(described.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(described.requiresCompatibilities()).containsExactly(Compatibility.FARGATE);
        assertThat(described.networkMode()).isEqualTo(NetworkMode.AWSVPC);
        assertThat(described.cpu()).as("task cpu, in CPU units").isEqualTo("256");
        assertThat(described.memory()).as("task memory, in MiB").isEqualTo("512");
        assertThat(described.executionRoleArn()).isEqualTo(app.executionRoleArn());
        assertThat(described.containerDefinitions()).singleElement().satisfies(web -> {
            assertThat(web.name()).isEqualTo(WebApp.CONTAINER);
            assertThat(web.image()).isEqualTo(app.image());
            assertThat(web.essential()).isTrue();
            assertThat(web.portMappings()).singleElement().satisfies(port -> {
                assertThat(port.containerPort()).isEqualTo(WebApp.PORT);
                assertThat(port.name()).isEqualTo(WebApp.PORT_NAME);
                assertThat(port.appProtocol()).isEqualTo(ApplicationProtocol.HTTP);
            });
            assertThat(web.logConfiguration().logDriver()).isEqualTo(LogDriver.AWSLOGS);
            assertThat(web.logConfiguration().options()).containsEntry("awslogs-group", WebApp.LOG_GROUP)
                    .containsEntry("awslogs-region", app.region())
                    .containsEntry("awslogs-stream-prefix", WebApp.LOG_STREAM_PREFIX);
            assertThat(web.healthCheck().command()).containsExactly("CMD-SHELL", WebApp.HEALTH_CHECK);
        });
    }

    @Exercise(value = 2, title = "Register a second revision that changes an environment variable, and read both",
            hint = "A revision never changes: a 'change' is a new registration of the whole recipe. Describe the latest "
                    + "revision, then build the request from what you registered: family, containerDefinitions, cpu, "
                    + "memory, networkMode, requiresCompatibilities, executionRoleArn (leave out taskDefinitionArn, "
                    + "revision, status, compatibilities, requiresAttributes, registeredAt, registeredBy). "
                    + "ContainerDefinition.toBuilder() lets you change just the environment.")
    void registersASecondRevision(Backend backend, EcsClient ecs) {
        WebApp app = WebAppSamples.webApp(backend, backend.uniqueName("greeter"));
        TaskDefinition first = ecs.registerTaskDefinition(WebAppSamples.request(app)).taskDefinition();

        TaskDefinition second = WebAppTaskDefinitions.registerRevisionWithVariable(ecs, app.family(), "GREETING", "bonjour");
        Map<String, String> before = WebAppTaskDefinitions.environmentOf(ecs, app.family() + ":" + first.revision(),
                WebApp.CONTAINER);
        Map<String, String> after = WebAppTaskDefinitions.environmentOf(ecs, app.family() + ":" + second.revision(),
                WebApp.CONTAINER);

        assertThat(second.revision()).as("the new revision's number").isEqualTo(first.revision() + 1);
        assertThat(before).as("revision " + first.revision() + ", unchanged")
                .containsExactlyInAnyOrderEntriesOf(Map.of("GREETING", "hello", "LOG_LEVEL", "info"));
        assertThat(after).as("revision " + second.revision())
                .containsExactlyInAnyOrderEntriesOf(Map.of("GREETING", "bonjour", "LOG_LEVEL", "info"));
        TaskDefinition described = ecs.describeTaskDefinition(b -> b.taskDefinition(second.taskDefinitionArn()))
                .taskDefinition();
        assertThat(described.cpu()).isEqualTo(first.cpu());
        assertThat(described.memory()).isEqualTo(first.memory());
        assertThat(described.executionRoleArn()).isEqualTo(first.executionRoleArn());
        assertThat(described.requiresCompatibilities()).containsExactly(Compatibility.FARGATE);
        assertThat(described.containerDefinitions()).singleElement().satisfies(web -> {
            ContainerDefinition original = first.containerDefinitions().get(0);
            assertThat(web.image()).isEqualTo(original.image());
            assertThat(web.portMappings()).isEqualTo(original.portMappings());
            assertThat(web.healthCheck()).isEqualTo(original.healthCheck());
            assertThat(web.logConfiguration()).isEqualTo(original.logConfiguration());
        });
    }

    @Exercise(value = 3, title = "Describe \"the latest\" revision and a pinned one",
            hint = "describeTaskDefinition takes a bare family (its latest ACTIVE revision), \"family:revision\" "
                    + "(exactly that one, even INACTIVE) or the full ARN. A deregistered revision is no longer the latest.")
    void describesLatestAndPinned(Backend backend, EcsClient ecs) {
        WebApp app = WebAppSamples.webApp(backend, backend.uniqueName("pinned"));
        RegisterTaskDefinitionRequest request = WebAppSamples.request(app);
        List<Integer> revisions = IntStream.range(0, 3)
                .mapToObj(i -> ecs.registerTaskDefinition(request).taskDefinition().revision()).toList();
        ecs.deregisterTaskDefinition(b -> b.taskDefinition(app.family() + ":" + revisions.get(2)));

        TaskDefinition latest = WebAppTaskDefinitions.latest(ecs, app.family());
        TaskDefinition first = WebAppTaskDefinitions.pinned(ecs, app.family(), revisions.get(0));
        TaskDefinition retired = WebAppTaskDefinitions.pinned(ecs, app.family(), revisions.get(2));

        assertThat(latest.revision()).as("the latest ACTIVE revision").isEqualTo(revisions.get(1));
        assertThat(first.revision()).isEqualTo(revisions.get(0));
        assertThat(retired.revision()).isEqualTo(revisions.get(2));
        assertThat(retired.status()).as("a pinned revision in any status").isEqualTo(TaskDefinitionStatus.INACTIVE);
    }

    @Exercise(value = 4, title = "Catch ECS's refusal of an invalid cpu and memory pair, and read its message",
            hint = "Fargate runs only the sizes of its table: 256 CPU units go with 512, 1024 or 2048 MiB. ECS refuses "
                    + "others with a ClientException; catch that exception type (not Exception) and read "
                    + "e.awsErrorDetails().errorMessage(), AWS's own sentence without the SDK's request details.")
    void readsTheRefusalOfAnInvalidSize(Backend backend, EcsClient ecs) {
        WebApp app = WebAppSamples.webApp(backend, backend.uniqueName("sized"));
        RegisterTaskDefinitionRequest request = WebAppSamples.request(app);

        Optional<String> refused = WebAppTaskDefinitions.refusalOf(ecs, request, "256", "4096");
        Optional<String> accepted = WebAppTaskDefinitions.refusalOf(ecs, request, "1 vCPU", "2 GB");

        assertThat(refused).as("the refusal of 256 CPU units with 4096 MiB").hasValueSatisfying(message -> assertThat(message)
                .startsWith("No Fargate configuration exists for given values: 256 CPU, 4096 memory.")
                .doesNotContain("Status Code"));
        assertThat(accepted).as("1 vCPU with 2 GB is a Fargate size").isEmpty();
        assertThat(ecs.listTaskDefinitionsPaginator(b -> b.familyPrefix(app.family())).taskDefinitionArns())
                .as("registered revisions: the refused one left nothing behind").hasSize(1);
        TaskDefinition registered = ecs.describeTaskDefinition(b -> b.taskDefinition(app.family())).taskDefinition();
        assertThat(registered.cpu()).as("\"1 vCPU\" as ECS stores it").isEqualTo("1024");
        assertThat(registered.memory()).as("\"2 GB\" as ECS stores it").isEqualTo("2048");
    }

    @Exercise(value = 5, title = "Add a sidecar container that starts after the app is HEALTHY",
            hint = "Container order is dependsOn: give the sidecar a ContainerDependency on WebApp.CONTAINER with "
                    + "ContainerCondition.HEALTHY (which needs the app's health check) and essential(false), so that a "
                    + "sidecar failure doesn't stop the task. request.toBuilder() and sidecar.toBuilder() keep the rest.")
    void addsASidecarAfterTheAppIsHealthy(Backend backend, EcsClient ecs) {
        WebApp app = WebAppSamples.webApp(backend, backend.uniqueName("with-sidecar"));
        ContainerDefinition sidecar = ContainerDefinition.builder()
                .name("metrics")
                .image("public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1")
                .logConfiguration(WebAppSamples.awslogs(app, "metrics"))
                .build();

        TaskDefinition registered = WebAppTaskDefinitions.registerWithSidecar(ecs, WebAppSamples.request(app), sidecar);

        TaskDefinition described = ecs.describeTaskDefinition(b -> b.taskDefinition(registered.taskDefinitionArn()))
                .taskDefinition();
        assertThat(described.containerDefinitions()).extracting(ContainerDefinition::name)
                .containsExactlyInAnyOrder(WebApp.CONTAINER, "metrics");
        ContainerDefinition web = container(described, WebApp.CONTAINER);
        ContainerDefinition metrics = container(described, "metrics");
        assertThat(web.essential()).as("the app stays essential").isTrue();
        assertThat(metrics.image()).isEqualTo(sidecar.image());
        assertThat(metrics.essential()).as("the sidecar is not essential").isFalse();
        assertThat(metrics.dependsOn()).extracting(ContainerDependency::containerName, ContainerDependency::condition)
                .containsExactly(tuple(WebApp.CONTAINER, ContainerCondition.HEALTHY));
    }

    @Exercise(value = 6, title = "List the families and their revisions with the paginator",
            hint = "ListTaskDefinitions answers at most 100 ARNs a page; listTaskDefinitionsPaginator(...)"
                    + ".taskDefinitionArns() walks them all. An ARN ends in task-definition/family:revision: split "
                    + "after the last '/' and at the last ':'.")
    void listsFamiliesAndRevisions(Backend backend, EcsClient ecs) {
        WebApp catalog = WebAppSamples.webApp(backend, backend.uniqueName("catalog"));
        WebApp orders = WebAppSamples.webApp(backend, backend.uniqueName("orders"));
        WebApp archived = WebAppSamples.webApp(backend, backend.uniqueName("archived"));
        for (int i = 0; i < 105; i++) {
            ecs.registerTaskDefinition(WebAppSamples.request(catalog));
        }
        int firstOrders = ecs.registerTaskDefinition(WebAppSamples.request(orders)).taskDefinition().revision();
        int secondOrders = ecs.registerTaskDefinition(WebAppSamples.request(orders)).taskDefinition().revision();
        int onlyArchived = ecs.registerTaskDefinition(WebAppSamples.request(archived)).taskDefinition().revision();
        ecs.deregisterTaskDefinition(b -> b.taskDefinition(orders.family() + ":" + firstOrders));
        ecs.deregisterTaskDefinition(b -> b.taskDefinition(archived.family() + ":" + onlyArchived));

        Map<String, List<Integer>> byFamily = WebAppTaskDefinitions.activeRevisionsByFamily(ecs);

        assertThat(byFamily.get(catalog.family())).as("the 105 revisions of " + catalog.family() + ", over two pages")
                .hasSize(105).isSorted();
        assertThat(byFamily.get(orders.family())).as("the ACTIVE revisions of " + orders.family())
                .containsExactly(secondOrders);
        assertThat(byFamily).as("families with no ACTIVE revision are left out").doesNotContainKey(archived.family());
    }

    @Exercise(value = 7, title = "Deregister the old revisions of a family",
            hint = "List the family's ACTIVE revisions (familyPrefix takes the full family name), keep the newest, and "
                    + "call deregisterTaskDefinition with \"family:revision\" for the others. Deregistered revisions "
                    + "become INACTIVE: tasks already running keep running, new ones can't use them.")
    void deregistersOldRevisions(Backend backend, EcsClient ecs) {
        WebApp app = WebAppSamples.webApp(backend, backend.uniqueName("retiring"));
        List<TaskDefinition> registered = IntStream.range(0, 3)
                .mapToObj(i -> ecs.registerTaskDefinition(WebAppSamples.request(app)).taskDefinition()).toList();
        TaskDefinition newest = registered.get(2);

        List<TaskDefinition> deregistered = WebAppTaskDefinitions.deregisterOldRevisions(ecs, app.family());

        assertThat(deregistered).extracting(TaskDefinition::revision, TaskDefinition::status).containsExactlyInAnyOrder(
                tuple(registered.get(0).revision(), TaskDefinitionStatus.INACTIVE),
                tuple(registered.get(1).revision(), TaskDefinitionStatus.INACTIVE));
        assertThat(ecs.listTaskDefinitionsPaginator(b -> b.familyPrefix(app.family())).taskDefinitionArns())
                .as("the family's ACTIVE revisions").containsExactly(newest.taskDefinitionArn());
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition(app.family())).taskDefinition().revision())
                .isEqualTo(newest.revision());
    }

    private static ContainerDefinition container(TaskDefinition definition, String name) {
        return definition.containerDefinitions().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
