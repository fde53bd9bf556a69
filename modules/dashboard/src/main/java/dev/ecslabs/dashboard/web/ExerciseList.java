package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.ExerciseStatus;
import dev.ecslabs.dashboard.course.LabStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The list of a lab's exercises with their states (template {@code web/exercises.jte}), on the
 * course page (short) and the lab page ({@code detailed}: with the failure message and the
 * graduated hints, one level more on each click of the hint button). Each item carries
 * {@code data-exercise} and {@code data-state}, which the pages' script and the tests read.
 *
 * @param hintsShown the levels of hints shown so far, by exercise id
 */
record ExerciseList(LabStatus lab, boolean detailed, Map<String, Integer> hintsShown) {

    /** The item's class besides {@code exercise}: its state, in lower case. */
    String css(ExerciseStatus status) {
        return status.state().name().toLowerCase(Locale.ROOT);
    }

    Hints hints(ExerciseInfo exercise) {
        return new Hints(lab.lab().id(), exercise, hintsShown.getOrDefault(exercise.id().toString(), 0));
    }

    /** What the last failed run said, if it failed. */
    static Optional<String> failure(ExerciseStatus status) {
        return status.last().filter(last -> !last.passed() && last.message() != null).map(last -> last.message());
    }

    static String mark(ExerciseStatus.State state) {
        return switch (state) {
            case PASSED -> "✔";
            case FAILED -> "✘";
            case NOT_RUN -> "·";
        };
    }

    static String label(ExerciseStatus.State state) {
        return switch (state) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case NOT_RUN -> "not run yet";
        };
    }
}
