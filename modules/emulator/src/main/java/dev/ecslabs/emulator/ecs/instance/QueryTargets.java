package dev.ecslabs.emulator.ecs.instance;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Task;

/** A container instance as the cluster query language sees it: its attributes, ids, versions and tasks. */
public final class QueryTargets {
    private QueryTargets() {
    }

    public static ClusterQuery.Target of(AccountRegion region, ContainerInstance instance) {
        List<Task> tasks = ContainerInstanceViews.tasksOn(region, instance);
        return of(instance, tasks);
    }

    public static ClusterQuery.Target of(ContainerInstance instance, List<Task> tasks) {
        return new ClusterQuery.Target() {
            @Override
            public Optional<String> value(String subject) {
                if (subject.startsWith("attribute:")) {
                    String name = subject.substring("attribute:".length());
                    return instance.attributes().stream().filter(a -> a.name().equals(name)).findFirst()
                            .map(a -> a.value() == null ? "" : a.value());
                }
                return switch (subject) {
                    case "agentConnected" -> Optional.of(String.valueOf(!ContainerInstances.INACTIVE.equals(instance.status())));
                    case "agentVersion" -> Optional.ofNullable(instance.versionInfo()).map(v -> v.agentVersion());
                    case "ec2InstanceId" -> Optional.ofNullable(instance.ec2InstanceId());
                    case "registeredAt" -> Optional.ofNullable(instance.registeredAt())
                            .map(at -> at.atOffset(ZoneOffset.UTC).toLocalDate().toString());
                    case "runningTasksCount" -> Optional.of(String.valueOf(tasks.stream()
                            .filter(t -> "RUNNING".equals(t.lastStatus())).count()));
                    default -> Optional.empty();
                };
            }

            @Override
            public List<String> taskGroups() {
                return tasks.stream().map(Task::group).filter(g -> g != null).distinct().toList();
            }
        };
    }

    /** The value of one attribute of the instance, if it has it. */
    public static Optional<String> attribute(ContainerInstance instance, String name) {
        return instance.attributes().stream().filter(a -> a.name().equals(name)).findFirst().map(Attribute::value);
    }
}
