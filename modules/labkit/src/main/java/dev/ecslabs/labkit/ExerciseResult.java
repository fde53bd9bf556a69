package dev.ecslabs.labkit;

import java.time.Instant;

/**
 * The last result of one exercise, as the progress file keeps it.
 *
 * @param status  PASSED or FAILED
 * @param message the first lines of the failure, or {@code null} when it passed
 * @param at      when the exercise last ran
 * @param runner  what ran it: maven, ide, cli or dashboard
 */
public record ExerciseResult(String exercise, Status status, String message, Instant at, String runner) {

    public enum Status { PASSED, FAILED }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
