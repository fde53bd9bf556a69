package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.HintText;
import java.util.Locale;

/**
 * An exercise's hints on its lab's page (template {@code web/hints.jte}): the levels shown so far
 * and the button for the next one, as {@code ./lab hint} reveals them.
 *
 * @param shown how many levels the learner asked for (more than the exercise has is all of them)
 */
record Hints(String lab, ExerciseInfo exercise, int shown) {

    int total() {
        return exercise.hints().size();
    }

    int visible() {
        return Math.min(shown, total());
    }

    boolean hasNext() {
        return visible() < total();
    }

    /** The level's name: "The idea", "Which API", … */
    String label(int level) {
        return HintText.label(exercise, level);
    }

    String text(int level) {
        return exercise.hints().get(level - 1);
    }

    /** Where the button posts to reveal the next level. */
    String action() {
        return "/labs/" + lab + "/exercises/" + exercise.id() + "/hint";
    }

    /** "Hint (1 of 3: the idea)", then "Next hint (2 of 3: which api)", … */
    String button() {
        String next = label(visible() + 1).toLowerCase(Locale.ROOT);
        return (visible() == 0 ? "Hint" : "Next hint") + (total() > 1 ? " (" + (visible() + 1) + " of " + total() + ": " + next + ")" : "");
    }
}
