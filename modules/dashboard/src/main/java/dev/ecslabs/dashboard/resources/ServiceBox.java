package dev.ecslabs.dashboard.resources;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One box of a cluster's picture: a service with its live tasks as chips (state, IP, revision), its
 * rollout chart, and its deployments and latest events folded away below; or, for the tasks that
 * no service started, the same box without the service parts (templates {@code resources/serviceBox.jte},
 * {@code resources/chips.jte}).
 */
final class ServiceBox {
    private ServiceBox() {
    }

    /** The tasks not stopped: the chips. */
    static List<Task> live(List<Task> tasks) {
        return tasks.stream().filter(t -> !"STOPPED".equals(t.lastStatus())).toList();
    }

    static Optional<String> privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(d -> d.value()).findFirst();
    }
}
