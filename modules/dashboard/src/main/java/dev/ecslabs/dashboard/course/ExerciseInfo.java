package dev.ecslabs.dashboard.course;

import dev.ecslabs.labkit.ExerciseId;
import java.util.List;

/**
 * One exercise as its {@code @Exercise} annotation declares it, and the test method that carries
 * it; {@code hints} are its graduated hints, the idea first (one level for a lab not yet moved to them).
 */
public record ExerciseInfo(ExerciseId id, String title, List<String> hints, String testClass, String testMethod) {

    public ExerciseInfo {
        hints = List.copyOf(hints);
    }
}
