package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.taskdefinition.FargateSizes;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskSize;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * The checks of RunTask's {@code overrides}: each container override names a container of the
 * task definition, once; task-level {@code cpu} and {@code memory} overrides, with the task
 * definition's values for what they leave out, form a size Fargate runs. Answers the overrides
 * with cpu and memory in CPU units and MiB, as ECS stores them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskOverride.html).
 */
final class TaskOverrides {
    private TaskOverrides() {
    }

    static TaskOverride checked(TaskDefinition definition, TaskOverride overrides) {
        if (overrides == null) {
            return null;
        }
        Set<String> containers = new HashSet<>();
        definition.containerDefinitions().stream().map(ContainerDefinition::name).forEach(containers::add);
        Set<String> overridden = new HashSet<>();
        for (ContainerOverride override : overrides.containerOverrides()) {
            if (override.name() == null || override.name().isEmpty()) {
                throw EcsErrors.invalidParameter("Container Overrides must name the container they override: give each "
                        + "containerOverride the name of a container of " + definition.family() + ":"
                        + definition.revision() + " (" + String.join(", ", containers) + ").");
            }
            if (!containers.contains(override.name())) {
                throw EcsErrors.invalidParameter("Override for container named " + override.name() + " is not a container "
                        + "in the TaskDefinition. The containers of " + definition.family() + ":" + definition.revision()
                        + " are " + String.join(", ", containers) + ".");
            }
            if (!overridden.add(override.name())) {
                throw EcsErrors.invalidParameter("The container " + override.name() + " is overridden twice; give one "
                        + "containerOverride per container.");
            }
        }
        if (overrides.cpu() == null && overrides.memory() == null) {
            return overrides;
        }
        TaskSize size = TaskSize.parse(overrides.cpu() != null ? overrides.cpu() : definition.cpu(),
                overrides.memory() != null ? overrides.memory() : definition.memory());
        if (!FargateSizes.supports(size.cpu(), size.memory())) {
            throw EcsErrors.client("No Fargate configuration exists for given values: " + size.cpu() + " CPU, "
                    + size.memory() + " memory. See the Amazon ECS documentation for the valid values. "
                    + FargateSizes.allowedFor(size.cpu()));
        }
        return overrides.toBuilder()
                .cpu(overrides.cpu() == null ? null : String.valueOf(size.cpu()))
                .memory(overrides.memory() == null ? null : String.valueOf(size.memory()))
                .build();
    }
}
