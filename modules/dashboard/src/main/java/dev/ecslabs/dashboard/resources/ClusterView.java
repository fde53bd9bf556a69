package dev.ecslabs.dashboard.resources;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One cluster as the resources page draws it: the cluster, its services and its tasks (running and
 * recently stopped), read together so that each service can be drawn with its own tasks.
 */
record ClusterView(Cluster cluster, List<Service> services, List<Task> tasks, int listedAt) {

    /** Whether anything lives in it: an ACTIVE service, or a task that is not STOPPED. */
    boolean inUse() {
        return services.stream().anyMatch(s -> !"INACTIVE".equals(s.status()))
                || tasks.stream().anyMatch(t -> !"STOPPED".equals(t.lastStatus()));
    }

    /** The newest thing that happened in it (a service or task created, a deployment updated); null if it tells none. */
    Instant latestActivity() {
        return Stream.concat(
                services.stream().flatMap(s -> Stream.concat(Stream.of(s.createdAt()),
                        s.deployments().stream().map(Deployment::updatedAt))),
                tasks.stream().flatMap(t -> Stream.of(t.createdAt(), t.stoppedAt())))
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    /** The service's tasks: ECS puts each in the group {@code service:<name>}. */
    List<Task> tasksOf(Service service) {
        String group = "service:" + service.serviceName();
        return tasks.stream().filter(t -> group.equals(t.group())).toList();
    }

    /** Tasks that no service of the cluster started (RunTask's). */
    List<Task> standaloneTasks() {
        return tasks.stream().filter(t -> services.stream().noneMatch(s -> ("service:" + s.serviceName()).equals(t.group())))
                .toList();
    }

    /** Newest first: by latest activity, and clusters that tell none by the order ECS listed them in, last listed first. */
    static final Comparator<ClusterView> NEWEST_FIRST = Comparator
            .comparing(ClusterView::latestActivity, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ClusterView::listedAt, Comparator.reverseOrder());
}
