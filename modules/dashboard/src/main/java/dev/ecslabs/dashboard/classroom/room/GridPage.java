package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.html.Html;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The instructor's page, made to fit a room of fifty on one projector screen (1600×1200): the join
 * code and the command learners type on one line, the grid of learners by exercises on the left,
 * and on the right who is stuck now (by name), who is not connected, where the room is, and the
 * joins that were refused. The live part refreshes itself on the classroom's events; rows and
 * cells carry {@code data-} attributes that the tests and a curious instructor can read.
 */
final class GridPage {
    /** How the rows are ordered: by name, or longest without progress first. */
    enum Order {
        NAME, WAITING;

        static Order of(String parameter) {
            return "waiting".equals(parameter) ? WAITING : NAME;
        }
    }

    private final CourseOutline course;
    private final GridRows rows;

    GridPage(CourseOutline course) {
        this.course = course;
        this.rows = new GridRows(course);
    }

    String page(String code, URI joinUrl, Optional<URI> emulator, List<Learner> learners, JoinRefusals.Counts refused,
                Instant now, Order order, String said) {
        String sort = order == Order.WAITING ? "waiting" : "name";
        // a stylesheet link may stand in the body; the shared frame stays as the dashboard has it
        StringBuilder body = new StringBuilder("<link rel=\"stylesheet\" href=\"/static/classroom.css\">")
                .append("<section class=\"join\"><h1>Classroom</h1><span>Join code: <strong id=\"join-code\">")
                .append(Html.escape(code)).append("</strong></span><code id=\"join-command\">")
                .append(Html.escape("./lab start --join " + joinUrl + " --name \"Your Name\" --code " + code))
                .append("</code>");
        emulator.ifPresent(url -> body.append("<span class=\"meta\" id=\"shared-emulator\">shared emulator <code>")
                .append(Html.escape(url)).append("</code>, an account each</span>"));
        body.append("<span class=\"meta sort\">rows: ").append(order == Order.NAME ? "<b>by name</b>" : "<a href=\"/?sort=name\">by name</a>")
                .append(" · ").append(order == Order.WAITING ? "<b>longest waiting first</b>"
                        : "<a href=\"/?sort=waiting\">longest waiting first</a>")
                .append("</span>").append(InstructorActions.form(learners)).append("</section>");
        if (said != null && !said.isBlank()) {
            body.append("<p id=\"said\" class=\"said\">").append(Html.escape(said)).append("</p>");
        }
        body
                .append("<div id=\"live\" data-live=\"/fragments/grid?sort=").append(sort).append("\" data-every=\"15000\">")
                .append(fragment(learners, refused, now, order)).append("</div>");
        return Html.frame("Classroom", "<a href=\"/\">Classroom</a>", "join code " + code
                + " · learners' tools send exercise results only: no code, no messages, no credentials", body.toString());
    }

    /** The live part: the grid, and beside it who is stuck, who is not connected, and where the room is. */
    String fragment(List<Learner> learners, JoinRefusals.Counts refused, Instant now, Order order) {
        StuckReport report = StuckReport.of(course, now, learners);
        StringBuilder html = new StringBuilder(4096 + learners.size() * (300 + course.exerciseCount() * 110));
        html.append("<div class=\"board\">");
        rows.table(html, sorted(learners, report, now, order), report, now);
        html.append("<aside class=\"side\">");
        stuckNow(html, report, learners.size(), now, learners);
        notConnected(html, learners, now);
        spots(html, report);
        refusals(html, refused);
        return html.append("</aside></div>").toString();
    }

    private static List<Learner> sorted(List<Learner> learners, StuckReport report, Instant now, Order order) {
        if (order == Order.NAME) {
            return learners;
        }
        return learners.stream().sorted(Comparator.comparing((Learner l) -> GridRows.sinceProgress(l, now)).reversed()
                .thenComparing(l -> l.name().key())).toList();
    }

    private static void stuckNow(StringBuilder html, StuckReport report, int learners, Instant now, List<Learner> all) {
        long connected = all.stream().filter(l -> GridRows.connected(l, now)).count();
        html.append("<section class=\"stuck\" id=\"stuck\"><p class=\"meta\">").append(learners)
                .append(learners == 1 ? " learner" : " learners").append(" · ").append(connected).append(" connected · ")
                .append(report.finished()).append(" finished · ").append(report.notStarted()).append(" not started</p>")
                .append("<h2>Stuck now</h2>");
        if (report.stuck().isEmpty()) {
            html.append("<p class=\"meta\" id=\"stuck-now\">Nobody: no exercise failed ").append(StuckReport.REPEATED_FAILURES)
                    .append(" times in a row, nobody failing without progress for ")
                    .append(StuckReport.NO_PROGRESS_FOR.toMinutes()).append(" min.</p>");
        } else {
            html.append("<ol id=\"stuck-now\">");
            for (StuckReport.Stuck stuck : report.stuck()) {
                html.append("<li data-learner=\"").append(Html.escape(stuck.learner().name().shown())).append("\"><b>")
                        .append(Html.escape(stuck.learner().name().shown())).append("</b> ").append(Html.escape(stuck.exercise()))
                        .append(" <span class=\"failures\">✘×").append(stuck.failures()).append("</span> · ")
                        .append(stuck.sinceProgress().toMinutes() < 1 ? "progress just now"
                                : "no progress for " + GridRows.duration(stuck.sinceProgress())).append("</li>");
            }
            html.append("</ol>");
        }
        html.append("</section>");
    }

    private static void notConnected(StringBuilder html, List<Learner> learners, Instant now) {
        List<Learner> away = learners.stream().filter(l -> !GridRows.connected(l, now))
                .sorted(Comparator.comparing(Learner::lastSeen)).toList();
        html.append("<section id=\"not-connected\"><h2>Not connected</h2>");
        if (away.isEmpty()) {
            html.append("<p class=\"meta\">Everyone's tool was heard from in the last ")
                    .append(Limits.CONNECTED_WITHIN.toSeconds()).append(" s.</p>");
        } else {
            html.append("<p class=\"names\">");
            for (int i = 0; i < away.size(); i++) {
                Learner learner = away.get(i);
                html.append(i == 0 ? "" : ", ").append("<span data-learner=\"").append(Html.escape(learner.name().shown()))
                        .append("\">").append(Html.escape(learner.name().shown())).append(" <span class=\"meta\">")
                        .append(GridRows.duration(Duration.between(learner.lastSeen(), now))).append("</span></span>");
            }
            html.append("</p>");
        }
        html.append("</section>");
    }

    private static void spots(StringBuilder html, StuckReport report) {
        if (report.spots().isEmpty()) {
            return;
        }
        html.append("<section id=\"spots\"><h2>Where the room is</h2><ol class=\"spots\">");
        for (StuckReport.Spot spot : report.spots()) {
            html.append("<li data-lab=\"").append(Html.escape(spot.lab().id())).append("\" data-learners=\"")
                    .append(spot.learners()).append("\" title=\"").append(Html.escape(spot.lab().title())).append("\"><b>Lab ")
                    .append(Html.escape(spot.lab().id())).append("</b>: ").append(spot.learners())
                    .append(spot.learners() == 1 ? " learner" : " learners").append(" working on it; ")
                    .append(spot.atExercise()).append(" at ").append(Html.escape(spot.exercise().id()));
            if (spot.failingThere() > 0) {
                html.append(" (").append(spot.failingThere()).append(" failing: ")
                        .append(Html.escape(String.join(", ", spot.failingNames()))).append(")");
            }
            html.append("</li>");
        }
        html.append("</ol></section>");
    }

    private static void refusals(StringBuilder html, JoinRefusals.Counts refused) {
        html.append("<section id=\"refused\"><h2>Refused joins: <span id=\"refused-total\">").append(refused.total())
                .append("</span></h2>");
        if (refused.total() > 0) {
            html.append("<p class=\"meta\"><span data-reason=\"wrong-code\">").append(refused.wrongCode())
                    .append(" wrong code</span> · <span data-reason=\"name-taken\">").append(refused.nameTaken())
                    .append(" name taken</span> · <span data-reason=\"too-many\">").append(refused.tooMany())
                    .append(" too many</span> · <span data-reason=\"bad-request\">").append(refused.badRequest())
                    .append(" bad name or request</span></p>");
            if (!refused.lastTaken().isEmpty()) {
                html.append("<p class=\"meta\">Asked for a name already taken: ");
                for (int i = 0; i < refused.lastTaken().size(); i++) {
                    JoinRefusals.Taken taken = refused.lastTaken().get(i);
                    html.append(i == 0 ? "" : ", ").append(Html.escape(taken.name().shown())).append(" (")
                            .append(Html.clock(taken.at())).append(")");
                }
                html.append("</p>");
            }
        }
        html.append("</section>");
    }
}
