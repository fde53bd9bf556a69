package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.state.AccountRegion;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Told of every change of a task's {@code lastStatus}, {@code desiredStatus} or
 * {@code healthStatus}, as ECS sends "ECS Task State Change" events: the service scheduler counts
 * its tasks with it, Cloud Map registers a task's IP when it is RUNNING and deregisters it when
 * it stops. Listeners run under the task's account-region lock, in the step that made the change;
 * they may read and change that account-region's state, and must not block.
 */
@FunctionalInterface
public interface TaskStateListener {

    void taskChanged(TaskStateChange change);

    /** A task before and after one step of its life. {@code before} is {@code null} for a task just started. */
    record TaskStateChange(AccountRegion region, Task before, Task after) {

        /** Whether the task reached {@code status} in this step (RUNNING, STOPPED, …). */
        public boolean reached(TaskStatus status) {
            return status.name().equals(after.lastStatus())
                    && (before == null || !status.name().equals(before.lastStatus()));
        }

        /** Whether this step set the task's desired status to STOPPED. */
        public boolean stopRequested() {
            return "STOPPED".equals(after.desiredStatus()) && (before == null || !"STOPPED".equals(before.desiredStatus()));
        }

        public boolean healthChanged() {
            return before != null && before.healthStatus() != after.healthStatus();
        }
    }
}
