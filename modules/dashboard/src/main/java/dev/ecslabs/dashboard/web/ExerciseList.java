package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.ExerciseStatus;
import dev.ecslabs.dashboard.course.HintText;
import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.html.Html;
import java.util.Locale;
import java.util.Map;

/**
 * The list of a lab's exercises with their states, on the course page (short) and the lab page
 * (with the failure message and the graduated hints, one level more on each click of the hint button). Each item carries
 * {@code data-exercise} and {@code data-state}, which the pages' script and the tests read.
 */
final class ExerciseList {
    private ExerciseList() {
    }

    static String render(LabStatus lab, boolean detailed) {
        return render(lab, detailed, Map.of());
    }

    /** The list; on the lab page ({@code detailed}) each exercise shows the levels of its hints shown so far, by exercise id. */
    static String render(LabStatus lab, boolean detailed, Map<String, Integer> hintsShown) {
        StringBuilder html = new StringBuilder("<ol class=\"exercises\">");
        for (ExerciseStatus status : lab.statuses()) {
            String state = status.state().name();
            html.append("<li class=\"exercise ").append(state.toLowerCase(Locale.ROOT)).append("\"")
                    .append(detailed ? " id=\"exercise-" + Html.escape(status.exercise().id()) + "\"" : "").append(" data-exercise=\"")
                    .append(Html.escape(status.exercise().id())).append("\" data-state=\"").append(state).append("\">")
                    .append("<span class=\"mark\" title=\"").append(label(status.state())).append("\">")
                    .append(mark(status.state())).append("</span> <span class=\"id\">").append(Html.escape(status.exercise().id()))
                    .append("</span> <span class=\"title\">").append(Html.escape(status.exercise().title())).append("</span>");
            if (detailed) {
                status.last().ifPresent(last -> html.append(" <span class=\"when\">").append(Html.time(last.at()))
                        .append(" by ").append(Html.escape(last.runner())).append("</span>"));
                status.last().filter(last -> !last.passed() && last.message() != null).ifPresent(last ->
                        html.append("<pre class=\"message\">").append(Html.escape(last.message())).append("</pre>"));
                html.append(hints(lab, status.exercise(), hintsShown.getOrDefault(status.exercise().id().toString(), 0)));
            }
            html.append("</li>");
        }
        html.append("</ol>");
        lab.exercises().problem().ifPresent(problem ->
                html.append("<pre class=\"problem\">").append(Html.escape(problem)).append("</pre>"));
        return html.toString();
    }

    /**
     * The exercise's hints shown so far, and a button that reveals the next level (a plain form
     * post, which the page's script turns into an update in place).
     */
    static String hints(LabStatus lab, ExerciseInfo exercise, int shown) {
        int total = exercise.hints().size();
        int visible = Math.min(shown, total);
        StringBuilder html = new StringBuilder("<div class=\"hints\" data-hints-shown=\"").append(visible)
                .append("\" data-hints=\"").append(total).append("\">");
        for (int level = 1; level <= visible; level++) {
            html.append("<p class=\"hint-level\" data-level=\"").append(level).append("\"><strong>")
                    .append(Html.escape(HintText.label(exercise, level))).append(":</strong> ")
                    .append(Html.escape(exercise.hints().get(level - 1))).append("</p>");
        }
        if (visible < total) {
            String next = HintText.label(exercise, visible + 1).toLowerCase(Locale.ROOT);
            html.append("<form method=\"post\" class=\"hint-next\" action=\"/labs/").append(Html.escape(lab.lab().id()))
                    .append("/exercises/").append(Html.escape(exercise.id().toString())).append("/hint\">")
                    .append("<button type=\"submit\">").append(visible == 0 ? "Hint" : "Next hint")
                    .append(total > 1 ? " (" + (visible + 1) + " of " + total + ": " + Html.escape(next) + ")" : "")
                    .append("</button></form>");
        }
        return html.append("</div>").toString();
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
