package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RuntimePlatform;

/**
 * RegisterTaskDefinition's own rules, in the order ECS applies them: the family, the task size,
 * Fargate's task-level demands when {@code requiresCompatibilities} names FARGATE, then the
 * containers and what ties them together, then Fargate's container-level demands. Each broken
 * rule is a ClientException; the model's own constraints were checked before
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html).
 */
final class TaskDefinitionRules {
    /** "The minimum supported value is 21 GiB and the maximum supported value is 200 GiB." */
    static final int MIN_EPHEMERAL_STORAGE_GIB = 21;
    static final int MAX_EPHEMERAL_STORAGE_GIB = 200;
    /** "You can specify a maximum of 10 constraints for each task." */
    static final int MAX_PLACEMENT_CONSTRAINTS = 10;

    private TaskDefinitionRules() {
    }

    /** Checks the request and answers its task size in CPU units and MiB. */
    static TaskSize check(RegisterTaskDefinitionRequest request) {
        String family = request.family();
        if (family == null || !TaskDefinitionReference.FAMILY.matcher(family).matches()) {
            throw EcsErrors.client("Invalid family '" + family + "': up to 255 letters (uppercase and lowercase), numbers, "
                    + "underscores and hyphens are allowed, for example web-app.");
        }
        TaskSize size = TaskSize.parse(request.cpu(), request.memory());
        boolean fargate = requiresFargate(request);
        if (fargate) {
            FargateRules.taskProblem(request, size).ifPresent(TaskDefinitionRules::refuse);
        }
        List<ContainerDefinition> containers = request.containerDefinitions();
        NetworkMode networkMode = networkMode(request);
        ContainerDefinitionRules.check(containers, networkMode);
        ContainerResourceRules.check(containers, size);
        PortMappingRules.check(containers, networkMode);
        HealthCheckRules.check(containers);
        ContainerDependencyRules.check(containers);
        LogConfigurationRules.check(containers);
        ContainerEnvironmentRules.check(containers);
        VolumeRules.check(request.volumes(), containers);
        checkTaskSettings(request);
        if (fargate) {
            FargateRules.containerProblem(request).ifPresent(TaskDefinitionRules::refuse);
        }
        return size;
    }

    static boolean requiresFargate(RegisterTaskDefinitionRequest request) {
        return request.requiresCompatibilities().contains(Compatibility.FARGATE);
    }

    /** The network mode the task uses: bridge unless the request names one. */
    static NetworkMode networkMode(RegisterTaskDefinitionRequest request) {
        return request.networkMode() == null ? NetworkMode.BRIDGE : request.networkMode();
    }

    private static void checkTaskSettings(RegisterTaskDefinitionRequest request) {
        if (request.ephemeralStorage() != null) {
            int size = request.ephemeralStorage().sizeInGiB();
            if (size < MIN_EPHEMERAL_STORAGE_GIB || size > MAX_EPHEMERAL_STORAGE_GIB) {
                throw EcsErrors.client("Invalid ephemeralStorage: sizeInGiB must be between " + MIN_EPHEMERAL_STORAGE_GIB
                        + " and " + MAX_EPHEMERAL_STORAGE_GIB + " GiB, not " + size + ". Fargate tasks get 20 GiB when "
                        + "ephemeralStorage is left out.");
            }
        }
        RuntimePlatform platform = request.runtimePlatform();
        if (platform != null && platform.cpuArchitecture() == CPUArchitecture.ARM64
                && platform.operatingSystemFamily() != null && platform.operatingSystemFamily() != OSFamily.LINUX) {
            throw EcsErrors.client("The ARM64 cpuArchitecture is supported with operatingSystemFamily LINUX only, not "
                    + platform.operatingSystemFamilyAsString() + ".");
        }
        if (request.placementConstraints().size() > MAX_PLACEMENT_CONSTRAINTS) {
            throw EcsErrors.client("A task definition can have at most " + MAX_PLACEMENT_CONSTRAINTS
                    + " placement constraints, not " + request.placementConstraints().size() + ".");
        }
    }

    private static void refuse(String message) {
        throw EcsErrors.client(message);
    }
}
