package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.html.Html;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The instructor's page: the join code and the command learners type, where the room is stuck,
 * and the grid of learners by exercises (passed, failed, not run) with each learner's last
 * progress. The grid part refreshes itself on the classroom's events; each cell carries
 * {@code data-exercise} and {@code data-state}, which the tests and a curious instructor can read.
 */
final class GridPage {
    private final CourseOutline course;
    private final String header;

    GridPage(CourseOutline course) {
        this.course = course;
        this.header = header(course);
    }

    String page(String code, URI joinUrl, Optional<URI> emulator, List<Learner> learners, Instant now) {
        // a stylesheet link may stand in the body; the shared frame stays as the dashboard has it
        StringBuilder body = new StringBuilder("<link rel=\"stylesheet\" href=\"/static/classroom.css\"><h1>Classroom</h1>")
                .append("<section class=\"join\"><p>Join code: <strong id=\"join-code\">").append(Html.escape(code))
                .append("</strong></p><p>Learners start the course with:</p><pre id=\"join-command\">")
                .append(Html.escape("./lab start --join " + joinUrl + " --name \"Your Name\" --code " + code))
                .append("</pre>");
        emulator.ifPresent(url -> body.append("<p>The room's shared emulator is <code>").append(Html.escape(url))
                .append("</code>: each learner's own account (given when they join) keeps their resources apart.</p>"));
        body.append("<p class=\"tip\">Learners' tools send exercise results only: no code, no failure messages, "
                        + "no credentials.</p>")
                .append("</section><div data-live=\"/fragments/grid\" data-every=\"30000\">")
                .append(fragment(learners, now)).append("</div>");
        return Html.frame("Classroom", "<a href=\"/\">Classroom</a>", "join code " + code, body.toString());
    }

    /** The live part: where the room is stuck, and the grid. */
    String fragment(List<Learner> learners, Instant now) {
        StringBuilder html = new StringBuilder(2048 + learners.size() * (200 + course.exerciseCount() * 90));
        stuck(html, StuckReport.of(course, learners), learners.size());
        html.append("<table class=\"grid\" id=\"grid\">").append(header).append("<tbody>");
        if (learners.isEmpty()) {
            html.append("<tr><td class=\"empty\" colspan=\"").append(3 + course.exerciseCount())
                    .append("\">Nobody has joined yet.</td></tr>");
        }
        for (Learner learner : learners) {
            row(html, learner, now);
        }
        return html.append("</tbody></table>").toString();
    }

    private void stuck(StringBuilder html, StuckReport report, int learners) {
        html.append("<section class=\"stuck\" id=\"stuck\"><h2>Where the room is</h2><p class=\"meta\">").append(learners)
                .append(learners == 1 ? " learner" : " learners").append(" · ").append(report.finished()).append(" finished · ")
                .append(report.notStarted()).append(" not started</p>");
        if (!report.spots().isEmpty()) {
            html.append("<ol class=\"spots\">");
            for (StuckReport.Spot spot : report.spots()) {
                html.append("<li data-lab=\"").append(Html.escape(spot.lab().id())).append("\" data-learners=\"")
                        .append(spot.learners()).append("\"><strong>").append(Html.escape(spot.lab().title())).append("</strong>: ")
                        .append(spot.learners()).append(spot.learners() == 1 ? " learner" : " learners").append(" working on it; ")
                        .append(spot.atExercise()).append(" at ").append(Html.escape(spot.exercise().id())).append(" ")
                        .append(Html.escape(spot.exercise().title()));
                if (spot.failingThere() > 0) {
                    html.append(" (").append(spot.failingThere()).append(" failing)");
                }
                html.append("</li>");
            }
            html.append("</ol>");
        }
        html.append("</section>");
    }

    private void row(StringBuilder html, Learner learner, Instant now) {
        html.append("<tr data-learner=\"").append(Html.escape(learner.name().shown())).append("\" data-received=\"")
                .append(learner.received()).append("\"><th scope=\"row\">").append(Html.escape(learner.name().shown()))
                .append("</th><td class=\"done\">").append(learner.passed()).append('/').append(course.exerciseCount())
                .append("</td><td class=\"when\">");
        if (learner.lastProgress() == null) {
            html.append("no progress yet");
        } else {
            html.append(Html.clock(learner.lastProgress())).append(" · ").append(ago(learner.lastProgress(), now));
        }
        html.append("</td>");
        for (CourseOutline.Lab lab : course.labs()) {
            for (CourseOutline.Exercise exercise : lab.exercises()) {
                Mark mark = learner.results().get(exercise.id());
                String state = mark == null ? "NOT_RUN" : mark.status().name();
                html.append("<td class=\"cell ").append(mark == null ? "not_run" : mark.passed() ? "passed" : "failed")
                        .append("\" data-exercise=\"").append(exercise.id()).append("\" data-state=\"").append(state)
                        .append("\" title=\"").append(exercise.id()).append(mark == null ? " not run yet" : mark.passed()
                                ? " passed" : " failed").append("\">").append(mark == null ? "·" : mark.passed() ? "✔" : "✘")
                        .append("</td>");
            }
        }
        html.append("</tr>");
    }

    private static String header(CourseOutline course) {
        StringBuilder labs = new StringBuilder("<thead><tr><th rowspan=\"2\">Learner</th><th rowspan=\"2\">Done</th>"
                + "<th rowspan=\"2\">Last progress</th>");
        StringBuilder exercises = new StringBuilder("<tr>");
        for (CourseOutline.Lab lab : course.labs()) {
            labs.append("<th class=\"lab\" colspan=\"").append(Math.max(1, lab.exercises().size())).append("\" title=\"")
                    .append(Html.escape(lab.title())).append("\">Lab ").append(Html.escape(lab.id())).append("</th>");
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

    private static String ago(Instant at, Instant now) {
        long minutes = Duration.between(at, now).toMinutes();
        if (minutes < 1) {
            return "just now";
        }
        return minutes < 120 ? minutes + " min ago" : minutes / 60 + " h ago";
    }
}
