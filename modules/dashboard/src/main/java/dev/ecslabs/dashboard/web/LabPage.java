package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.html.Html;
import java.util.Map;

/**
 * A lab's page ({@code /labs/00}): its guide, and beside it the exercises with their states and
 * hints, and the Check button whose output streams in below it.
 */
final class LabPage {
    private LabPage() {
    }

    static String page(LabStatus lab, Map<String, Integer> hintsShown, String guideHtml, boolean checking, String backend) {
        String id = Html.escape(lab.lab().id());
        String body = "<div class=\"lab-page\" data-lab=\"" + id + "\"><aside>"
                + "<h2>Exercises</h2>"
                + "<form method=\"post\" action=\"/labs/" + id + "/check\" class=\"check\">"
                + "<button type=\"submit\" id=\"check\"" + (checking ? " disabled" : "") + ">Check lab " + id + "</button></form>"
                + "<pre id=\"check-output\" aria-live=\"polite\"></pre>"
                + "<div data-live=\"/labs/" + id + "/exercises\">" + fragment(lab, hintsShown) + "</div>"
                + "<p class=\"tip\">Prefer the terminal? <code>./lab watch</code> runs this lab on every save; "
                + "results from Maven and your IDE show up here too.</p>"
                + "</aside><article class=\"guide\">" + guideHtml + "</article></div>";
        return Html.page(lab.lab().title(), backend, body);
    }

    /** The part that refreshes when the progress file changes. */
    static String fragment(LabStatus lab, Map<String, Integer> hintsShown) {
        return Html.progress(lab.passed(), lab.total(), "exercises done in lab " + lab.lab().id())
                + ExerciseList.render(lab, true, hintsShown);
    }
}
