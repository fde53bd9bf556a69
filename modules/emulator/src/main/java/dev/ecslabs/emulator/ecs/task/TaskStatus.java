package dev.ecslabs.emulator.ecs.task;

/**
 * The states of a task's {@code lastStatus}, in the order a task goes through them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html).
 * A task's {@code desiredStatus} is only ever RUNNING or STOPPED.
 */
public enum TaskStatus {
    PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

    public static TaskStatus of(String lastStatus) {
        return valueOf(lastStatus);
    }

    /** Counted in the cluster's {@code pendingTasksCount}: on its way to RUNNING. */
    public boolean isPending() {
        return ordinal() < RUNNING.ordinal();
    }

    /**
     * Counted in the cluster's {@code runningTasksCount}: from RUNNING until the task is STOPPED,
     * as it still holds its resources (and its cluster can't be deleted) while it stops.
     */
    public boolean isRunning() {
        return this != STOPPED && !isPending();
    }
}
