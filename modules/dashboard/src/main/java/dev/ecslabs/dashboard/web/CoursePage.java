package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.html.Html;
import java.util.List;

/** The course page ({@code /}): every lab with its exercises, a progress bar per lab and in total, and when each last ran. */
final class CoursePage {
    private CoursePage() {
    }

    static String page(List<LabStatus> labs, String backend) {
        return Html.page("Course", backend, "<h1>Your progress</h1><div data-live=\"/fragments/course\">" + fragment(labs) + "</div>");
    }

    /** The part that refreshes when the progress file changes. */
    static String fragment(List<LabStatus> labs) {
        long done = labs.stream().mapToLong(LabStatus::passed).sum();
        long total = labs.stream().mapToLong(LabStatus::total).sum();
        StringBuilder html = new StringBuilder("<section class=\"total\"><h2>Exercises done in the course</h2>")
                .append(Html.progress(done, total, "exercises done in the course")).append("</section>");
        html.append("<div class=\"labs\">");
        for (LabStatus lab : labs) {
            html.append("<article class=\"lab").append(lab.complete() ? " complete" : "").append("\" data-lab=\"")
                    .append(Html.escape(lab.lab().id())).append("\">")
                    .append("<h2><a href=\"/labs/").append(Html.escape(lab.lab().id())).append("\">")
                    .append(Html.escape(lab.lab().title())).append("</a></h2>")
                    .append(Html.progress(lab.passed(), lab.total(), "exercises done in lab " + lab.lab().id()))
                    .append("<p class=\"when\">")
                    .append(lab.lastCheck().map(at -> "Last run " + Html.time(at)).orElse("Not run yet"))
                    .append("</p>")
                    .append(ExerciseList.render(lab, false))
                    .append("</article>");
        }
        return html.append("</div>").toString();
    }
}
