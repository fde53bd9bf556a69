package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.html.Pages;
import java.util.Map;

/**
 * A lab's page ({@code /labs/00}, template {@code web/lab.jte}): its guide, and beside it the
 * exercises with their states and hints, and the Check button whose output streams in below it.
 *
 * @param hintsShown the levels of hints shown so far, by exercise id
 * @param guideHtml the guide, already HTML (see {@link GuideRenderer})
 * @param checking whether a check runs now (the button waits for it)
 */
record LabPage(LabStatus lab, Map<String, Integer> hintsShown, String guideHtml, boolean checking, String backend) {

    String page() {
        return Pages.render("web/lab.jte", this);
    }

    /** The part that refreshes when the progress file changes ({@code web/labExercises.jte}). */
    static String fragment(LabStatus lab, Map<String, Integer> hintsShown) {
        return Pages.render("web/labExercises.jte", new LabPage(lab, hintsShown, "", false, ""));
    }
}
