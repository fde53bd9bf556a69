package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * How the containers' {@code cpu}, {@code memory} (hard limit) and {@code memoryReservation}
 * (soft limit) fit each other and the task's size: a container's hard limit is not below its soft
 * limit nor above the task's memory, what the containers reserve together fits in the task, and
 * without a task memory every container sets a limit of its own
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory).
 */
final class ContainerResourceRules {

    private ContainerResourceRules() {
    }

    static void check(List<ContainerDefinition> containers, TaskSize size) {
        for (ContainerDefinition container : containers) {
            checkContainer(container, size);
        }
        if (size.hasCpu()) {
            long cpu = containers.stream().mapToLong(c -> c.cpu() == null ? 0 : c.cpu()).sum();
            if (cpu > size.cpu()) {
                throw EcsErrors.client("The sum of all container 'cpu' values cannot be greater than the value of the task "
                        + "'cpu'. The containers ask for " + cpu + " CPU units; the task has " + size.cpu() + ".");
            }
        }
        if (size.hasMemory()) {
            checkReservedMemory(containers, size.memory());
        }
    }

    private static void checkContainer(ContainerDefinition container, TaskSize size) {
        String name = container.name();
        if (container.cpu() != null && container.cpu() < 0) {
            throw EcsErrors.client("Invalid 'cpu' setting for container '" + name + "'. Give 0 or more CPU units (1024 are "
                    + "1 vCPU), not " + container.cpu() + ".");
        }
        if (container.memory() != null && container.memory() < 1) {
            throw EcsErrors.client("Invalid 'memory' setting for container '" + name + "'. Give the hard limit in MiB, "
                    + "more than 0, not " + container.memory() + ".");
        }
        if (container.memoryReservation() != null && container.memoryReservation() < 1) {
            throw EcsErrors.client("Invalid 'memoryReservation' setting for container '" + name + "'. Give the soft limit "
                    + "in MiB, more than 0, not " + container.memoryReservation() + ".");
        }
        // The API reference says memory "must be greater than" memoryReservation; ECS accepts equal values.
        if (container.memory() != null && container.memoryReservation() != null
                && container.memoryReservation() > container.memory()) {
            throw EcsErrors.client("Invalid setting for container '" + name + "'. 'memory' (" + container.memory()
                    + " MiB, the hard limit) must be greater than or equal to 'memoryReservation' ("
                    + container.memoryReservation() + " MiB, the soft limit).");
        }
        if (!size.hasMemory() && container.memory() == null && container.memoryReservation() == null) {
            throw EcsErrors.client("Invalid setting for container '" + name + "'. At least one of 'memory' or "
                    + "'memoryReservation' must be specified (or give the task a memory value).");
        }
        if (size.hasMemory() && container.memory() != null && container.memory() > size.memory()) {
            throw EcsErrors.client("The 'memory' setting for container '" + name + "' is greater than for the task. The "
                    + "container asks for " + container.memory() + " MiB; the task has " + size.memory() + " MiB.");
        }
    }

    /** A container reserves its memoryReservation if it sets one, otherwise its memory. */
    private static void checkReservedMemory(List<ContainerDefinition> containers, int taskMemory) {
        long reserved = 0;
        boolean anySoftLimit = false;
        for (ContainerDefinition container : containers) {
            if (container.memoryReservation() != null) {
                reserved += container.memoryReservation();
                anySoftLimit = true;
            } else if (container.memory() != null) {
                reserved += container.memory();
            }
        }
        if (reserved > taskMemory) {
            String setting = anySoftLimit ? "memoryReservation" : "memory";
            throw EcsErrors.client("The sum of all container '" + setting + "' values cannot be greater than the value of "
                    + "the task 'memory'. The containers reserve " + reserved + " MiB; the task has " + taskMemory + " MiB.");
        }
    }
}
