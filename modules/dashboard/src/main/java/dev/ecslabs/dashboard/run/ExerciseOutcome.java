package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.ExerciseInfo;

/** How one exercise did in a run: passed, failed (with the whole of why, see {@link dev.ecslabs.labkit.FailureReport}), or skipped (with the reason). */
public record ExerciseOutcome(ExerciseInfo exercise, Verdict verdict, String message) {

    public enum Verdict { PASSED, FAILED, SKIPPED }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** The first line of the message, for a one-line view (the terminal shows {@link #message()} whole). */
    public String summary() {
        if (message == null || message.isBlank()) {
            return "";
        }
        return message.strip().split("\\R", 2)[0];
    }
}
