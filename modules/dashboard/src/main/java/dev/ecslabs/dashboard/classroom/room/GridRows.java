package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.Limits;
import java.time.Duration;
import java.time.Instant;

/**
 * The grid itself: a row per learner (connected or not, exercises done, time since their last
 * progress on the classroom's clock) and a narrow cell per exercise, passed, failed (with how many
 * times in a row once it is more than one) or not run. Rows of stuck learners are marked. What a
 * row and a cell say, for the template {@code classroom/room/table.jte}.
 */
final class GridRows {
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneId.systemDefault());

    private GridRows() {
    }

    /** A cell's class besides {@code cell}: {@code passed}, {@code failed} or {@code not_run} (no mark). */
    static String css(Mark mark) {
        return mark == null ? "not_run" : mark.passed() ? "passed" : "failed";
    }

    /** How many times in a row a failed exercise failed; null (no attribute) otherwise. */
    static String failures(Mark mark) {
        return mark != null && !mark.passed() ? String.valueOf(mark.failures()) : null;
    }

    /** A cell's title after the exercise's id: "not run yet", "passed", "failed 3 times in a row". */
    static String title(Mark mark) {
        if (mark == null) {
            return "not run yet";
        }
        return mark.passed() ? "passed" : "failed " + mark.failures() + (mark.failures() == 1 ? " time" : " times in a row");
    }

    /** What a cell shows: ·, ✔, ✘, or how many times in a row it failed once that is more than one. */
    static String symbol(Mark mark) {
        if (mark == null) {
            return "·";
        }
        if (mark.passed()) {
            return "✔";
        }
        return mark.failures() > 1 ? String.valueOf(Math.min(mark.failures(), 99)) : "✘";
    }

    /** A time of day for a title attribute, which holds text only (not the {@code <time>} of the templates' {@code html/clock.jte}). */
    static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** Whether the learner's tool was heard from lately (it says it is there every {@link Limits#HEARTBEAT}). */
    static boolean connected(Learner learner, Instant now) {
        return Duration.between(learner.lastSeen(), now).compareTo(Limits.CONNECTED_WITHIN) <= 0;
    }

    /** Since the learner last passed a new exercise (or joined), on the classroom's clock. */
    static Duration sinceProgress(Learner learner, Instant now) {
        Instant since = learner.lastProgress() != null ? learner.lastProgress() : learner.joined();
        return since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }

    /** A short duration for a narrow column: "now", "7m", "2h05". */
    static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return "now";
        }
        return minutes < 60 ? minutes + "m" : minutes / 60 + "h" + String.format("%02d", minutes % 60);
    }
}
