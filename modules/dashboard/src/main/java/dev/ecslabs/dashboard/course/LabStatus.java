package dev.ecslabs.dashboard.course;

import dev.ecslabs.labkit.ExerciseResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a learner stands in one lab: each exercise with its last result, from the progress file. */
public record LabStatus(LabExercises exercises, List<ExerciseStatus> statuses) {

    public static LabStatus of(LabExercises exercises, Map<String, ExerciseResult> results) {
        return new LabStatus(exercises, exercises.exercises().stream()
                .map(e -> new ExerciseStatus(e, Optional.ofNullable(results.get(e.id().toString()))))
                .toList());
    }

    public LabFolder lab() {
        return exercises.lab();
    }

    public long passed() {
        return statuses.stream().filter(s -> s.state() == ExerciseStatus.State.PASSED).count();
    }

    public int total() {
        return statuses.size();
    }

    public boolean complete() {
        return total() > 0 && passed() == total();
    }

    /** When any exercise of the lab last ran. */
    public Optional<Instant> lastCheck() {
        return statuses.stream().flatMap(s -> s.last().stream()).map(ExerciseResult::at).max(Instant::compareTo);
    }

    /** The first exercise not passed yet: the one to work on. */
    public Optional<ExerciseStatus> next() {
        return statuses.stream().filter(s -> s.state() != ExerciseStatus.State.PASSED).findFirst();
    }
}
