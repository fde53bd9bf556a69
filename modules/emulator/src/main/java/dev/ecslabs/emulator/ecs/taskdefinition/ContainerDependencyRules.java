package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;

/**
 * The rules for a container's {@code dependsOn}: it names other containers of the same task;
 * COMPLETE and SUCCESS wait for a container to exit, so that container can't be essential;
 * HEALTHY needs a health check on the container waited for; and the startup order has no cycle
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html).
 */
final class ContainerDependencyRules {

    private ContainerDependencyRules() {
    }

    static void check(List<ContainerDefinition> containers) {
        Map<String, ContainerDefinition> byName = new HashMap<>();
        containers.forEach(container -> byName.put(container.name(), container));
        for (ContainerDefinition container : containers) {
            if (!container.hasDependsOn()) {
                continue;
            }
            for (ContainerDependency dependency : container.dependsOn()) {
                check(container.name(), dependency, byName);
            }
        }
        checkNoCycle(containers, byName);
    }

    private static void check(String container, ContainerDependency dependency, Map<String, ContainerDefinition> byName) {
        String target = dependency.containerName();
        if (container.equals(target)) {
            throw EcsErrors.client("Container '" + container + "' can't depend on itself. dependsOn names other containers "
                    + "of the task.");
        }
        ContainerDefinition waitedFor = byName.get(target);
        if (waitedFor == null) {
            throw EcsErrors.client("Container '" + container + "' depends on container '" + target + "', which is not "
                    + "defined in this task definition. Containers of this task: " + String.join(", ", byName.keySet()) + ".");
        }
        ContainerCondition condition = dependency.condition();
        boolean waitsForExit = condition == ContainerCondition.COMPLETE || condition == ContainerCondition.SUCCESS;
        if (waitsForExit && !Boolean.FALSE.equals(waitedFor.essential())) {
            throw EcsErrors.client("A dependency container with SUCCESS or COMPLETE condition cannot be an essential "
                    + "container. Container '" + container + "' waits for '" + target + "' to " + condition
                    + ": set essential to false on '" + target + "'.");
        }
        if (condition == ContainerCondition.HEALTHY && waitedFor.healthCheck() == null) {
            throw EcsErrors.client("Container '" + container + "' waits for container '" + target + "' to be HEALTHY, but '"
                    + target + "' has no healthCheck. Give '" + target + "' a healthCheck, or wait for START instead.");
        }
    }

    /** Containers that wait for each other in a circle would never start. */
    private static void checkNoCycle(List<ContainerDefinition> containers, Map<String, ContainerDefinition> byName) {
        Set<String> done = new HashSet<>();
        for (ContainerDefinition container : containers) {
            List<String> path = new ArrayList<>();
            List<String> cycle = findCycle(container.name(), byName, path, new HashSet<>(), done);
            if (cycle != null) {
                throw EcsErrors.client("The containers' dependsOn form a cycle: " + String.join(" -> ", cycle)
                        + ". A container can't start until the ones it depends on have, so the order must not loop.");
            }
        }
    }

    private static List<String> findCycle(String name, Map<String, ContainerDefinition> byName, List<String> path,
                                          Set<String> onPath, Set<String> done) {
        if (onPath.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        if (!done.add(name)) {
            return null;
        }
        path.add(name);
        onPath.add(name);
        ContainerDefinition container = byName.get(name);
        if (container != null && container.hasDependsOn()) {
            for (ContainerDependency dependency : container.dependsOn()) {
                List<String> cycle = findCycle(dependency.containerName(), byName, path, onPath, done);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(name);
        return null;
    }
}
