package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.labkit.ExerciseResult;
import java.time.Instant;

/** One cell of the grid: a learner's last result in one exercise, and when it ran. */
record Mark(ExerciseResult.Status status, Instant at) {

    boolean passed() {
        return status == ExerciseResult.Status.PASSED;
    }
}
