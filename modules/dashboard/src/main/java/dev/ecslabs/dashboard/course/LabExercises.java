package dev.ecslabs.dashboard.course;

import dev.ecslabs.labkit.ExerciseId;
import java.util.List;
import java.util.Optional;

/**
 * The exercises of one lab, in order; or, when they can't be read (the lab never compiled), why.
 */
public record LabExercises(LabFolder lab, List<ExerciseInfo> exercises, Optional<String> problem) {

    public Optional<ExerciseInfo> exercise(ExerciseId id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The exercise a test method carries, if it is one. */
    public Optional<ExerciseInfo> byTestMethod(String testClass, String testMethod) {
        return exercises.stream()
                .filter(e -> e.testClass().equals(testClass) && e.testMethod().equals(testMethod))
                .findFirst();
    }
}
