package dev.ecslabs.taskdefinitions;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The web app's recipe for ECS: register it, change it revision by revision, read it back, retire old revisions. */
public final class WebAppTaskDefinitions {
    private WebAppTaskDefinitions() {
    }

    /** Exercise 02.1: the web app as a Fargate task definition, registered. */
    public static TaskDefinition registerWebApp(EcsClient ecs, WebApp app) {
        // TODO: register a FARGATE task definition (awsvpc, cpu 256, memory 512, app.executionRoleArn()) with one essential container WebApp.CONTAINER: app.image(), port WebApp.PORT named WebApp.PORT_NAME with appProtocol http, awslogs (LOG_GROUP, app.region(), LOG_STREAM_PREFIX) and a CMD-SHELL health check of WebApp.HEALTH_CHECK; return the registered task definition
        throw new NotDoneYet();
    }

    /** Exercise 02.2: a new revision of the family's latest one, with one environment variable of its essential container set. */
    public static TaskDefinition registerRevisionWithVariable(EcsClient ecs, String family, String name, String value) {
        // TODO: describe the family's latest revision, copy what you registered into a RegisterTaskDefinitionRequest (not what ECS added: ARN, revision, status, ...) with the variable name=value set on the essential container, register it and return the new revision
        throw new NotDoneYet();
    }

    /** Exercise 02.2: the environment variables of one container of one revision ("web:1"), by name. */
    public static Map<String, String> environmentOf(EcsClient ecs, String taskDefinition, String containerName) {
        // TODO: describe the task definition and return the named container's environment as a map of name to value
        throw new NotDoneYet();
    }

    /** Exercise 02.3: what "the task definition web" means to ECS. */
    public static TaskDefinition latest(EcsClient ecs, String family) {
        // TODO: describe the task definition by its bare family name and return it
        throw new NotDoneYet();
    }

    /** Exercise 02.3: one revision exactly, whatever its status. */
    public static TaskDefinition pinned(EcsClient ecs, String family, int revision) {
        // TODO: describe the task definition "family:revision" and return it
        throw new NotDoneYet();
    }

    /** Exercise 02.4: AWS's refusal of {@code request} with another task size, or empty when ECS registers it. */
    public static Optional<String> refusalOf(EcsClient ecs, RegisterTaskDefinitionRequest request, String cpu, String memory) {
        // TODO: register request.toBuilder() with this cpu and memory; return empty if it registers, or the message of the ClientException ECS answers (e.awsErrorDetails().errorMessage())
        throw new NotDoneYet();
    }

    /** Exercise 02.5: the app with a sidecar container that starts only once the app's container is HEALTHY. */
    public static TaskDefinition registerWithSidecar(EcsClient ecs, RegisterTaskDefinitionRequest app,
                                                     ContainerDefinition sidecar) {
        // TODO: register app with the sidecar added as a non-essential container that dependsOn WebApp.CONTAINER with the condition HEALTHY; return the new revision
        throw new NotDoneYet();
    }

    /** Exercise 02.6: every family with ACTIVE revisions, and those revision numbers in ascending order. */
    public static Map<String, List<Integer>> activeRevisionsByFamily(EcsClient ecs) {
        // TODO: walk ecs.listTaskDefinitionsPaginator() (ACTIVE, sorted ASC) and group the revision numbers by family, read from each ARN (…:task-definition/family:revision)
        throw new NotDoneYet();
    }

    /** Exercise 02.7: deregister every ACTIVE revision of the family but the latest; return what ECS says of them. */
    public static List<TaskDefinition> deregisterOldRevisions(EcsClient ecs, String family) {
        // TODO: list the family's ACTIVE revisions with the paginator (familyPrefix), deregister all but the newest, and return the deregistered task definitions
        throw new NotDoneYet();
    }
}
