package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.labkit.ExerciseId;
import java.util.Optional;
import java.util.function.Function;

/**
 * In what order a run takes a lab's exercises: the whole lab at once, or one exercise first (the
 * one the learner is at), alone, and the rest only once it passes. An exercise not run because the
 * first one failed is reported with {@code lastKnown}: its last result from the progress file.
 */
public record RunPlan(Optional<ExerciseId> first, Function<ExerciseInfo, ExerciseOutcome> lastKnown) {

    public static RunPlan wholeLab() {
        return new RunPlan(Optional.empty(), exercise -> {
            throw new IllegalStateException("A whole-lab run runs every exercise");
        });
    }

    public static RunPlan first(ExerciseId exercise, Function<ExerciseInfo, ExerciseOutcome> lastKnown) {
        return new RunPlan(Optional.of(exercise), lastKnown);
    }
}
