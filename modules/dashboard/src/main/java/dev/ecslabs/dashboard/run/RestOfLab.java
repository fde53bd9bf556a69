package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import java.util.Optional;

/** The sentence that says why the rest of a lab did not run: the exercise at hand ran first and did not pass. */
public final class RestOfLab {
    private RestOfLab() {
    }

    /** The sentence, when {@code run} put {@code atHand} first and it did not pass; empty otherwise. */
    public static Optional<String> waitsFor(Optional<ExerciseInfo> atHand, LabRun run) {
        if (atHand.isEmpty() || !run.compile().compiled() || run.outcomes().size() < 2) {
            return Optional.empty();
        }
        boolean passed = run.outcomes().stream().anyMatch(o -> o.exercise().equals(atHand.get()) && o.passed());
        return passed ? Optional.empty() : Optional.of("Ran " + atHand.get().id() + " first, the exercise at hand; "
                + "the rest of lab " + run.lab().id() + " runs once it passes (the others show their last result).");
    }
}
