package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.ExerciseInfo;

/** How one exercise did in a run: passed, failed (with the first lines of why), or skipped (with the reason). */
public record ExerciseOutcome(ExerciseInfo exercise, Verdict verdict, String message) {

    public enum Verdict { PASSED, FAILED, SKIPPED }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** The first line of the message, short enough for one line of a terminal. */
    public String summary() {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
