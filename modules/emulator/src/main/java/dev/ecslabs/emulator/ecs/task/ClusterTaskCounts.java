package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.state.AccountRegion;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Keeps a cluster's {@code pendingTasksCount} and {@code runningTasksCount} true to its tasks as
 * they move through their lifecycle (see {@link TaskStatus#isPending()} and {@link TaskStatus#isRunning()}).
 */
final class ClusterTaskCounts {
    private ClusterTaskCounts() {
    }

    /** Moves the task's count from where {@code before} was counted to where {@code after} is. */
    static void changed(AccountRegion region, Task before, Task after) {
        int pending = count(after, true) - count(before, true);
        int running = count(after, false) - count(before, false);
        if (pending == 0 && running == 0) {
            return;
        }
        Clusters clusters = Clusters.of(region);
        clusters.find(after.clusterArn()).filter(cluster -> cluster.clusterArn().equals(after.clusterArn()))
                .ifPresent(cluster -> clusters.put(cluster.toBuilder()
                        .pendingTasksCount(value(cluster.pendingTasksCount()) + pending)
                        .runningTasksCount(value(cluster.runningTasksCount()) + running)
                        .build()));
    }

    private static int count(Task task, boolean pending) {
        if (task == null) {
            return 0;
        }
        TaskStatus status = TaskStatus.of(task.lastStatus());
        return (pending ? status.isPending() : status.isRunning()) ? 1 : 0;
    }

    private static int value(Integer count) {
        return count == null ? 0 : count;
    }
}
