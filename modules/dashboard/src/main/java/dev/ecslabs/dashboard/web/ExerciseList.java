package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.ExerciseStatus;
import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.html.Html;
import java.util.Locale;

/**
 * The list of a lab's exercises with their states, on the course page (short) and the lab page
 * (with the failure message and the hint, revealed on demand). Each item carries
 * {@code data-exercise} and {@code data-state}, which the pages' script and the tests read.
 */
final class ExerciseList {
    private ExerciseList() {
    }

    static String render(LabStatus lab, boolean detailed) {
        StringBuilder html = new StringBuilder("<ol class=\"exercises\">");
        for (ExerciseStatus status : lab.statuses()) {
            String state = status.state().name();
            html.append("<li class=\"exercise ").append(state.toLowerCase(Locale.ROOT)).append("\" data-exercise=\"")
                    .append(Html.escape(status.exercise().id())).append("\" data-state=\"").append(state).append("\">")
                    .append("<span class=\"mark\" title=\"").append(label(status.state())).append("\">")
                    .append(mark(status.state())).append("</span> <span class=\"id\">").append(Html.escape(status.exercise().id()))
                    .append("</span> <span class=\"title\">").append(Html.escape(status.exercise().title())).append("</span>");
            if (detailed) {
                status.last().ifPresent(last -> html.append(" <span class=\"when\">").append(Html.time(last.at()))
                        .append(" by ").append(Html.escape(last.runner())).append("</span>"));
                status.last().filter(last -> !last.passed() && last.message() != null).ifPresent(last ->
                        html.append("<pre class=\"message\">").append(Html.escape(last.message())).append("</pre>"));
                html.append("<details class=\"hint\"><summary>Hint</summary><p>").append(Html.escape(status.exercise().hint()))
                        .append("</p></details>");
            }
            html.append("</li>");
        }
        html.append("</ol>");
        lab.exercises().problem().ifPresent(problem ->
                html.append("<pre class=\"problem\">").append(Html.escape(problem)).append("</pre>"));
        return html.toString();
    }

    private static String mark(ExerciseStatus.State state) {
        return switch (state) {
            case PASSED -> "✔";
            case FAILED -> "✘";
            case NOT_RUN -> "·";
        };
    }

    private static String label(ExerciseStatus.State state) {
        return switch (state) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case NOT_RUN -> "not run yet";
        };
    }
}
