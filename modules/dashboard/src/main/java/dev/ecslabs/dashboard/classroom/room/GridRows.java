package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.html.Html;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The grid itself: a row per learner (connected or not, exercises done, time since their last
 * progress on the classroom's clock) and a narrow cell per exercise, passed, failed (with how many
 * times in a row once it is more than one) or not run. Rows of stuck learners are marked.
 */
final class GridRows {
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneId.systemDefault());

    private final CourseOutline course;
    private final String header;

    GridRows(CourseOutline course) {
        this.course = course;
        this.header = header(course);
    }

    void table(StringBuilder html, List<Learner> learners, StuckReport report, Instant now) {
        Set<String> stuck = report.stuck().stream().map(s -> s.learner().name().key()).collect(Collectors.toSet());
        html.append("<table class=\"grid\" id=\"grid\">").append(header).append("<tbody>");
        if (learners.isEmpty()) {
            html.append("<tr><td class=\"empty\" colspan=\"").append(4 + course.exerciseCount())
                    .append("\">Nobody has joined yet.</td></tr>");
        }
        for (Learner learner : learners) {
            row(html, learner, stuck.contains(learner.name().key()), now);
        }
        html.append("</tbody></table>");
    }

    private void row(StringBuilder html, Learner learner, boolean stuck, Instant now) {
        boolean connected = connected(learner, now);
        String name = Html.escape(learner.name().shown());
        html.append("<tr data-learner=\"").append(name).append("\" data-received=\"").append(learner.received())
                .append("\" data-connected=\"").append(connected).append("\" data-stuck=\"").append(stuck).append("\"")
                .append(stuck ? " class=\"stuck\"" : "").append("><th scope=\"row\" title=\"").append(name).append("\">")
                .append(name).append("</th><td class=\"conn ").append(connected ? "on" : "off").append("\" title=\"")
                .append(connected ? "connected: heard from " : "not connected: last heard from ")
                .append(clock(learner.lastSeen())).append("\">").append(connected ? "●" : "○")
                .append("</td><td class=\"done\">").append(learner.passed()).append('/').append(course.exerciseCount())
                .append("</td><td class=\"when\"");
        if (learner.lastProgress() == null) {
            html.append(" title=\"no exercise passed yet\">–");
        } else {
            html.append(" title=\"last passed a new exercise at ").append(clock(learner.lastProgress())).append("\">")
                    .append(duration(sinceProgress(learner, now)));
        }
        html.append("</td>");
        for (CourseOutline.Lab lab : course.labs()) {
            for (CourseOutline.Exercise exercise : lab.exercises()) {
                cell(html, exercise.id(), learner.results().get(exercise.id()));
            }
        }
        html.append("</tr>");
    }

    private static void cell(StringBuilder html, String exercise, Mark mark) {
        String state = mark == null ? "NOT_RUN" : mark.status().name();
        html.append("<td class=\"cell ").append(mark == null ? "not_run" : mark.passed() ? "passed" : "failed")
                .append("\" data-exercise=\"").append(exercise).append("\" data-state=\"").append(state).append('"');
        if (mark != null && !mark.passed()) {
            html.append(" data-failures=\"").append(mark.failures()).append('"');
        }
        html.append(" title=\"").append(exercise);
        if (mark == null) {
            html.append(" not run yet\">·");
        } else if (mark.passed()) {
            html.append(" passed\">✔");
        } else {
            html.append(" failed ").append(mark.failures()).append(mark.failures() == 1 ? " time" : " times in a row")
                    .append("\">").append(mark.failures() > 1 ? String.valueOf(Math.min(mark.failures(), 99)) : "✘");
        }
        html.append("</td>");
    }

    /** A time of day for a title attribute, which holds text only (not the {@code <time>} of {@link Html#clock}). */
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

    private static String header(CourseOutline course) {
        StringBuilder labs = new StringBuilder("<thead><tr><th rowspan=\"2\" class=\"who\">Learner</th>"
                + "<th rowspan=\"2\" title=\"connected\">⇄</th><th rowspan=\"2\">Done</th>"
                + "<th rowspan=\"2\" title=\"time since the last exercise passed\">Since</th>");
        StringBuilder exercises = new StringBuilder("<tr>");
        for (CourseOutline.Lab lab : course.labs()) {
            labs.append("<th class=\"lab\" data-lab=\"").append(Html.escape(lab.id())).append("\" colspan=\"")
                    .append(Math.max(1, lab.exercises().size())).append("\" title=\"").append(Html.escape(lab.title()))
                    .append("\">Lab ").append(Html.escape(lab.id())).append("</th>");
            for (CourseOutline.Exercise exercise : lab.exercises()) {
                exercises.append("<th class=\"exercise\" title=\"").append(Html.escape(exercise.id() + " " + exercise.title()))
                        .append("\">").append(Html.escape(exercise.id().substring(exercise.id().indexOf('.') + 1))).append("</th>");
            }
            if (lab.exercises().isEmpty()) {
                exercises.append("<th></th>");
            }
        }
        return labs.append("</tr>").append(exercises).append("</tr></thead>").toString();
    }
}
