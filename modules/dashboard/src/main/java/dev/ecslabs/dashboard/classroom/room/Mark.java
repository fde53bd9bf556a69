package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.labkit.ExerciseResult;
import java.time.Instant;

/**
 * One cell of the grid: a learner's last result in one exercise, when the classroom received it,
 * and how many times in a row it failed (what says "stuck here" better than the time alone).
 */
record Mark(ExerciseResult.Status status, Instant at, int failures) {

    boolean passed() {
        return status == ExerciseResult.Status.PASSED;
    }

    /** The mark after one more result. */
    Mark then(ExerciseResult.Status next, Instant now) {
        return new Mark(next, now, next == ExerciseResult.Status.PASSED ? 0 : failures + 1);
    }

    static Mark first(ExerciseResult.Status status, Instant now) {
        return new Mark(status, now, status == ExerciseResult.Status.PASSED ? 0 : 1);
    }
}
