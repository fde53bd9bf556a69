package dev.ecslabs.dashboard.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A task's lifecycle as a timeline that reads the same on any clock: each step it reached as a
 * duration after the one before ("RUNNING 20 s after PULLED") in AWS time, the first as how long
 * ago it was created (with the real time beside), and the state it is in now.
 */
final class TaskTimeline {
    /** A step the task reached: when, and the step before it (none for the first) with the time since. */
    record Step(String name, Instant at, String previous, Duration after) {
    }

    private TaskTimeline() {
    }

    /** The steps the task reached, in order (template {@code resources/timeline.jte}). */
    static List<Step> steps(Task task) {
        Map<String, Instant> reached = new LinkedHashMap<>();
        reached.put("PROVISIONING", task.createdAt());
        reached.put("PULL STARTED", task.pullStartedAt());
        reached.put("PULLED", task.pullStoppedAt());
        reached.put("RUNNING", task.startedAt());
        reached.put("STOPPING", task.stoppingAt());
        reached.put("STOPPED", task.stoppedAt());
        List<Step> steps = new ArrayList<>();
        Step previous = null;
        for (Map.Entry<String, Instant> step : reached.entrySet()) {
            if (step.getValue() == null) {
                continue;
            }
            previous = previous == null ? new Step(step.getKey(), step.getValue(), null, null)
                    : new Step(step.getKey(), step.getValue(), previous.name(), Duration.between(previous.at(), step.getValue()));
            steps.add(previous);
        }
        return steps;
    }
}
