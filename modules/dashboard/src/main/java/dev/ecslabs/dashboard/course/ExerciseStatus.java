package dev.ecslabs.dashboard.course;

import dev.ecslabs.labkit.ExerciseResult;
import java.util.Optional;

/** An exercise and its last result in the progress file, if it ever ran. */
public record ExerciseStatus(ExerciseInfo exercise, Optional<ExerciseResult> last) {

    public enum State { PASSED, FAILED, NOT_RUN }

    public State state() {
        return last.map(r -> r.passed() ? State.PASSED : State.FAILED).orElse(State.NOT_RUN);
    }
}
