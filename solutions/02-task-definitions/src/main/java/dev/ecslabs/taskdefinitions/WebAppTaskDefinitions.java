package dev.ecslabs.taskdefinitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** The web app's recipe for ECS: register it, change it revision by revision, read it back, retire old revisions. */
public final class WebAppTaskDefinitions {
    private WebAppTaskDefinitions() {
    }

    /** Exercise 02.1: the web app as a Fargate task definition, registered. */
    public static TaskDefinition registerWebApp(EcsClient ecs, WebApp app) {
        ContainerDefinition web = ContainerDefinition.builder()
                .name(WebApp.CONTAINER)
                .image(app.image())
                .essential(true)
                .portMappings(PortMapping.builder()
                        .containerPort(WebApp.PORT)
                        .name(WebApp.PORT_NAME)
                        .appProtocol(ApplicationProtocol.HTTP)
                        .build())
                .logConfiguration(LogConfiguration.builder()
                        .logDriver(LogDriver.AWSLOGS)
                        .options(Map.of(
                                "awslogs-group", WebApp.LOG_GROUP,
                                "awslogs-region", app.region(),
                                "awslogs-stream-prefix", WebApp.LOG_STREAM_PREFIX))
                        .build())
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", WebApp.HEALTH_CHECK).build())
                .build();
        return ecs.registerTaskDefinition(request -> request
                        .family(app.family())
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("256")
                        .memory("512")
                        .executionRoleArn(app.executionRoleArn())
                        .containerDefinitions(web))
                .taskDefinition();
    }

    /** Exercise 02.2: a new revision of the family's latest one, with one environment variable of its essential container set. */
    public static TaskDefinition registerRevisionWithVariable(EcsClient ecs, String family, String name, String value) {
        TaskDefinition latest = ecs.describeTaskDefinition(request -> request.taskDefinition(family)).taskDefinition();
        List<ContainerDefinition> containers = latest.containerDefinitions().stream()
                .map(container -> Boolean.TRUE.equals(container.essential()) ? withVariable(container, name, value) : container)
                .toList();
        return ecs.registerTaskDefinition(registrationOf(latest).containerDefinitions(containers).build()).taskDefinition();
    }

    /** Exercise 02.2: the environment variables of one container of one revision ("web:1"), by name. */
    public static Map<String, String> environmentOf(EcsClient ecs, String taskDefinition, String containerName) {
        return ecs.describeTaskDefinition(request -> request.taskDefinition(taskDefinition)).taskDefinition()
                .containerDefinitions().stream()
                .filter(container -> container.name().equals(containerName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(taskDefinition + " has no container " + containerName))
                .environment().stream()
                .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
    }

    /** Exercise 02.3: what "the task definition web" means to ECS. */
    public static TaskDefinition latest(EcsClient ecs, String family) {
        return ecs.describeTaskDefinition(request -> request.taskDefinition(family)).taskDefinition();
    }

    /** Exercise 02.3: one revision exactly, whatever its status. */
    public static TaskDefinition pinned(EcsClient ecs, String family, int revision) {
        return ecs.describeTaskDefinition(request -> request.taskDefinition(family + ":" + revision)).taskDefinition();
    }

    /** Exercise 02.4: AWS's refusal of {@code request} with another task size, or empty when ECS registers it. */
    public static Optional<String> refusalOf(EcsClient ecs, RegisterTaskDefinitionRequest request, String cpu, String memory) {
        try {
            ecs.registerTaskDefinition(request.toBuilder().cpu(cpu).memory(memory).build());
            return Optional.empty();
        } catch (ClientException refused) {
            return Optional.of(refused.awsErrorDetails().errorMessage());
        }
    }

    /** Exercise 02.5: the app with a sidecar container that starts only once the app's container is HEALTHY. */
    public static TaskDefinition registerWithSidecar(EcsClient ecs, RegisterTaskDefinitionRequest app,
                                                     ContainerDefinition sidecar) {
        ContainerDefinition afterHealthyApp = sidecar.toBuilder()
                .essential(false)
                .dependsOn(ContainerDependency.builder()
                        .containerName(WebApp.CONTAINER)
                        .condition(ContainerCondition.HEALTHY)
                        .build())
                .build();
        List<ContainerDefinition> containers = new ArrayList<>(app.containerDefinitions());
        containers.add(afterHealthyApp);
        return ecs.registerTaskDefinition(app.toBuilder().containerDefinitions(containers).build()).taskDefinition();
    }

    /** Exercise 02.6: every family with ACTIVE revisions, and those revision numbers in ascending order. */
    public static Map<String, List<Integer>> activeRevisionsByFamily(EcsClient ecs) {
        Map<String, List<Integer>> byFamily = new TreeMap<>();
        ecs.listTaskDefinitionsPaginator(request -> request.status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.ASC))
                .taskDefinitionArns()
                .forEach(arn -> {
                    String familyRevision = arn.substring(arn.lastIndexOf('/') + 1);
                    int colon = familyRevision.lastIndexOf(':');
                    byFamily.computeIfAbsent(familyRevision.substring(0, colon), family -> new ArrayList<>())
                            .add(Integer.parseInt(familyRevision.substring(colon + 1)));
                });
        return byFamily;
    }

    /** Exercise 02.7: deregister every ACTIVE revision of the family but the latest; return what ECS says of them. */
    public static List<TaskDefinition> deregisterOldRevisions(EcsClient ecs, String family) {
        List<String> newestFirst = ecs.listTaskDefinitionsPaginator(request -> request
                        .familyPrefix(family)
                        .status(TaskDefinitionStatus.ACTIVE)
                        .sort(SortOrder.DESC))
                .taskDefinitionArns().stream().toList();
        return newestFirst.stream()
                .skip(1)
                .map(arn -> ecs.deregisterTaskDefinition(request -> request.taskDefinition(arn)).taskDefinition())
                .toList();
    }

    /** What was registered, as a request: a described task definition also carries what ECS added (ARN, revision, status, ...). */
    private static RegisterTaskDefinitionRequest.Builder registrationOf(TaskDefinition registered) {
        return RegisterTaskDefinitionRequest.builder()
                .family(registered.family())
                .taskRoleArn(registered.taskRoleArn())
                .executionRoleArn(registered.executionRoleArn())
                .networkMode(registered.networkMode())
                .containerDefinitions(registered.containerDefinitions())
                .volumes(registered.volumes())
                .placementConstraints(registered.placementConstraints())
                .requiresCompatibilities(registered.requiresCompatibilities())
                .cpu(registered.cpu())
                .memory(registered.memory())
                .pidMode(registered.pidMode())
                .ipcMode(registered.ipcMode())
                .proxyConfiguration(registered.proxyConfiguration())
                .ephemeralStorage(registered.ephemeralStorage())
                .runtimePlatform(registered.runtimePlatform())
                .enableFaultInjection(registered.enableFaultInjection());
    }

    private static ContainerDefinition withVariable(ContainerDefinition container, String name, String value) {
        List<KeyValuePair> environment = new ArrayList<>();
        container.environment().stream().filter(variable -> !variable.name().equals(name)).forEach(environment::add);
        environment.add(KeyValuePair.builder().name(name).value(value).build());
        return container.toBuilder().environment(environment).build();
    }
}
