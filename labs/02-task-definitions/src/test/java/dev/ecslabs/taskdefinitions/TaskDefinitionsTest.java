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
            hints = {
                    "A task definition is the recipe of a task: launch type compatibility, network mode, CPU and "
                            + "memory, the role that pulls images and writes logs, and its containers with ports, logs and "
                            + "health check (the guide's recipe table).",
                    "RegisterTaskDefinition: family, requiresCompatibilities(FARGATE), networkMode(AWSVPC), cpu "
                            + "\"256\", memory \"512\", executionRoleArn, containerDefinitions. A ContainerDefinition has "
                            + "portMappings (containerPort, name, appProtocol), logConfiguration (LogDriver.AWSLOGS, options) "
                            + "and healthCheck.",
                    "ecs.registerTaskDefinition(r -> "
                            + "r.family(...).requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu(\"256\").memory(\"512\").executionRoleArn(...).containerDefinitions(c "
                            + "-> c.name(...).image(...).essential(true).portMappings(...).logConfiguration(...).healthCheck(h "
                            + "-> h.command(\"CMD-SHELL\", ...)))).taskDefinition()"})
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
            hints = {
                    "A revision never changes: a change is a new registration of the whole recipe, which becomes "
                            + "revision n+1. Copy what you registered, not what ECS added (ARN, revision, status...).",
                    "DescribeTaskDefinition by family answers the latest; RegisterTaskDefinition takes family, "
                            + "containerDefinitions, cpu, memory, networkMode, requiresCompatibilities and executionRoleArn "
                            + "from it. ContainerDefinition.toBuilder().environment(KeyValuePair...) changes one container.",
                    "TaskDefinition latest = describe(family); ContainerDefinition changed = "
                            + "latest.containerDefinitions().get(0).toBuilder().environment(KeyValuePair.builder().name(name).value(value).build()).build(); "
                            + "register a request built from latest's fields with containerDefinitions(changed)."})
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
            hints = {
                    "A bare family means its latest ACTIVE revision; \"family:revision\" means exactly that one, even "
                            + "INACTIVE. Deploy pinned revisions: \"latest\" moves.",
                    "DescribeTaskDefinition takes taskDefinition: a family, a family:revision or an ARN; the answer's "
                            + "taskDefinition() is it.",
                    "ecs.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition() and the same with "
                            + "family + \":\" + revision"})
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
            hints = {
                    "Fargate runs only the CPU and memory pairs of its table (256 CPU units with 512, 1024 or 2048 "
                            + "MiB...). ECS refuses others with a client error whose message says why; the SDK wraps it in a "
                            + "typed exception.",
                    "RegisterTaskDefinition throws ClientException; catch that type (not Exception). "
                            + "e.awsErrorDetails().errorMessage() is AWS's own sentence, without the SDK's request details.",
                    "try { ecs.registerTaskDefinition(request.toBuilder().cpu(cpu).memory(memory).build()); return "
                            + "Optional.empty(); } catch (ClientException e) { return "
                            + "Optional.of(e.awsErrorDetails().errorMessage()); }"})
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
            hints = {
                    "Containers of a task can start in order: a sidecar can wait until the app is HEALTHY (which "
                            + "needs the app's health check). A non-essential container may stop without stopping the task.",
                    "ContainerDefinition.dependsOn takes ContainerDependency (containerName, condition "
                            + "ContainerCondition.HEALTHY); essential(false). request.toBuilder() and sidecar.toBuilder() keep "
                            + "the rest.",
                    "ContainerDefinition after = sidecar.toBuilder().essential(false).dependsOn(d -> "
                            + "d.containerName(WebApp.CONTAINER).condition(ContainerCondition.HEALTHY)).build(); register app's "
                            + "request with containerDefinitions(app's containers + after)."})
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
            hints = {
                    "An account can hold thousands of task definition revisions; listing them takes pages. Each ARN "
                            + "ends in task-definition/family:revision.",
                    "ListTaskDefinitions through listTaskDefinitionsPaginator (status ACTIVE, sort ASC); "
                            + "taskDefinitionArns() walks every page. Split an ARN after the last '/' and at the last ':'.",
                    "for (String arn : ecs.listTaskDefinitionsPaginator(r -> "
                            + "r.status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.ASC)).taskDefinitionArns()) { String tail = "
                            + "arn.substring(arn.lastIndexOf('/') + 1); int colon = tail.lastIndexOf(':'); group "
                            + "tail.substring(0, colon) -> Integer.parseInt(tail.substring(colon + 1)); }"})
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
            hints = {
                    "Deregistering a revision makes it INACTIVE: tasks already running keep running, new ones can't "
                            + "use it. Keeping only the newest cleans up a family.",
                    "ListTaskDefinitions (familyPrefix = the family, status ACTIVE) through its paginator; "
                            + "DeregisterTaskDefinition takes \"family:revision\" and answers the taskDefinition() it made "
                            + "INACTIVE.",
                    "List the ARNs sorted ascending, drop the last (the newest), and for each other one "
                            + "ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition()."})
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
