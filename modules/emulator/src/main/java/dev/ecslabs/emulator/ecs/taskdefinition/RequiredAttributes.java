package dev.ecslabs.emulator.ecs.taskdefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;

/**
 * The container instance attributes ({@code requiresAttributes}) ECS derives from what a task
 * definition uses, so that EC2 placement only picks instances whose agent can run it: a task ENI
 * for awsvpc, the awslogs driver, ECR authentication, health checks, container ordering, secrets
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html#attributes).
 * Fargate ignores them; ECS reports them either way.
 */
final class RequiredAttributes {
    private static final String DOCKER_API = "com.amazonaws.ecs.capability.docker-remote-api.";

    private RequiredAttributes() {
    }

    static List<Attribute> of(RegisterTaskDefinitionRequest request) {
        Set<String> names = new LinkedHashSet<>();
        boolean executionRole = request.executionRoleArn() != null;
        for (ContainerDefinition container : request.containerDefinitions()) {
            if (LogConfigurationRules.usesAwslogs(container)) {
                names.add("com.amazonaws.ecs.capability.logging-driver.awslogs");
                if (executionRole) {
                    names.add("ecs.capability.execution-role-awslogs");
                }
                names.add(DOCKER_API + "1.19");
            }
            if (ExecutionRoleRules.pullsFromPrivateEcr(container)) {
                names.add("com.amazonaws.ecs.capability.ecr-auth");
                if (executionRole) {
                    names.add("ecs.capability.execution-role-ecr-pull");
                }
            }
            if (container.memoryReservation() != null) {
                names.add(DOCKER_API + "1.21");
            }
            if (container.healthCheck() != null) {
                names.add("ecs.capability.container-health-check");
                names.add(DOCKER_API + "1.24");
            }
            if (container.hasDependsOn() && !container.dependsOn().isEmpty()) {
                names.add("ecs.capability.container-ordering");
            }
            for (Secret secret : container.secrets()) {
                names.add(secret.valueFrom().contains(":secretsmanager:")
                        ? "ecs.capability.secrets.asm.environment-variables"
                        : "ecs.capability.secrets.ssm.environment-variables");
            }
            if (!container.environmentFiles().isEmpty()) {
                names.add("ecs.capability.env-files.s3");
            }
        }
        if (request.taskRoleArn() != null) {
            names.add("com.amazonaws.ecs.capability.task-iam-role");
        }
        if (request.networkMode() == NetworkMode.AWSVPC) {
            names.add("ecs.capability.task-eni");
            names.add(DOCKER_API + "1.18");
        }
        List<Attribute> attributes = new ArrayList<>();
        names.forEach(name -> attributes.add(Attribute.builder().name(name).build()));
        return attributes;
    }
}
