package dev.ecslabs.dashboard.course;

import dev.ecslabs.labkit.ExerciseId;

/** One exercise as its {@code @Exercise} annotation declares it, and the test method that carries it. */
public record ExerciseInfo(ExerciseId id, String title, String hint, String testClass, String testMethod) {
}
