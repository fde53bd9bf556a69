package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.html.Pages;
import java.util.List;

/**
 * The course page ({@code /}, template {@code web/course.jte}): every lab with its exercises, a
 * progress bar per lab and in total, and when each last ran.
 */
record CoursePage(List<LabStatus> labs, String backend) {

    String page() {
        return Pages.render("web/course.jte", this);
    }

    /** The part that refreshes when the progress file changes ({@code web/courseLabs.jte}). */
    String fragment() {
        return Pages.render("web/courseLabs.jte", this);
    }

    /** Exercises passed in the whole course. */
    long done() {
        return labs.stream().mapToLong(LabStatus::passed).sum();
    }

    long total() {
        return labs.stream().mapToLong(LabStatus::total).sum();
    }
}
