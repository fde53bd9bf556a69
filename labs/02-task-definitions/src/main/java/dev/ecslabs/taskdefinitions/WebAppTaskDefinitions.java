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
        // TODO: register app as a Fargate task definition (see the guide's recipe table: awsvpc, 256/512, its role, port, logs, health check); return it
        throw new NotDoneYet();
    }

    /** Exercise 02.2: a new revision of the family's latest one, with one environment variable of its essential container set. */
    public static TaskDefinition registerRevisionWithVariable(EcsClient ecs, String family, String name, String value) {
        // TODO: register a new revision of the family that differs from the latest only by the environment variable name=value; return it
        throw new NotDoneYet();
    }

    /** Exercise 02.2: the environment variables of one container of one revision ("web:1"), by name. */
    public static Map<String, String> environmentOf(EcsClient ecs, String taskDefinition, String containerName) {
        // TODO: return the environment of the named container of the task definition, as a map of name to value
        throw new NotDoneYet();
    }

    /** Exercise 02.3: what "the task definition web" means to ECS. */
    public static TaskDefinition latest(EcsClient ecs, String family) {
        // TODO: return the family's latest ACTIVE revision
        throw new NotDoneYet();
    }

    /** Exercise 02.3: one revision exactly, whatever its status. */
    public static TaskDefinition pinned(EcsClient ecs, String family, int revision) {
        // TODO: return exactly revision revision of the family, whatever its status
        throw new NotDoneYet();
    }

    /** Exercise 02.4: AWS's refusal of {@code request} with another task size, or empty when ECS registers it. */
    public static Optional<String> refusalOf(EcsClient ecs, RegisterTaskDefinitionRequest request, String cpu, String memory) {
        // TODO: register the request with this cpu and memory; return empty if ECS accepts it, else ECS's own message of refusal
        throw new NotDoneYet();
    }

    /** Exercise 02.5: the app with a sidecar container that starts only once the app's container is HEALTHY. */
    public static TaskDefinition registerWithSidecar(EcsClient ecs, RegisterTaskDefinitionRequest app,
                                                     ContainerDefinition sidecar) {
        // TODO: register app with the sidecar added, starting only once the app's container is HEALTHY and allowed to fail; return the new revision
        throw new NotDoneYet();
    }

    /** Exercise 02.6: every family with ACTIVE revisions, and those revision numbers in ascending order. */
    public static Map<String, List<Integer>> activeRevisionsByFamily(EcsClient ecs) {
        // TODO: return every ACTIVE family with its revision numbers in ascending order, across all pages
        throw new NotDoneYet();
    }

    /** Exercise 02.7: deregister every ACTIVE revision of the family but the latest; return what ECS says of them. */
    public static List<TaskDefinition> deregisterOldRevisions(EcsClient ecs, String family) {
        // TODO: deregister every ACTIVE revision of the family but the newest, and return the deregistered task definitions
        throw new NotDoneYet();
    }
}
