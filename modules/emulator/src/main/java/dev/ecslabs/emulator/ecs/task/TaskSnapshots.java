package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.SavedStateJson;

/**
 * The saved form of one task: the {@link TaskRun} record bound as it is ({@link SavedStateJson}):
 * the SDK's {@code Task} as DescribeTasks answers it, the two instants ECS doesn't report, and each
 * container's simulation state ({@link ContainerRun}; instants as ISO-8601, durations as
 * {@code PT5S}). That is all {@link TaskLifecycle} needs to work out the next step, and a component
 * added to either record is saved with it.
 */
final class TaskSnapshots {
    private TaskSnapshots() {
    }

    static JsonNode write(TaskRun run) {
        return SavedStateJson.write(run);
    }

    static TaskRun read(JsonNode json) {
        return checked(SavedStateJson.read(json, TaskRun.class));
    }

    /** A task read back, if it holds what the lifecycle needs; throws with what it lacks. */
    static TaskRun checked(TaskRun run) {
        if (run == null || run.task() == null) {
            throw new IllegalArgumentException("a task's snapshot lacks 'task'");
        }
        if (run.task().taskArn() == null || run.task().clusterArn() == null || run.task().lastStatus() == null) {
            throw new IllegalArgumentException("a task lacks its taskArn, clusterArn or lastStatus");
        }
        TaskStatus.of(run.task().lastStatus());
        for (ContainerRun container : run.containers()) {
            if (container == null || container.name() == null) {
                throw new IllegalArgumentException("a container of task " + run.taskArn() + " lacks its name");
            }
        }
        return run;
    }
}
