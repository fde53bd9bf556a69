package dev.ecslabs.dashboard.course;

import dev.ecslabs.labkit.HintLevel;
import java.util.ArrayList;
import java.util.List;

/** How the terminal shows an exercise's graduated hints: each level shown so far, and what asking again gives. */
public final class HintText {
    private HintText() {
    }

    /** "The idea", "Which API", "The shape of the call"; just "Hint" for an exercise with a single hint. */
    public static String label(ExerciseInfo exercise, int level) {
        if (exercise.hints().size() != HintLevel.values().length) {
            return exercise.hints().size() == 1 ? "Hint" : "Hint " + level;
        }
        return HintLevel.values()[level - 1].label();
    }

    /** One level, as "Hint 2 of 3 · Which API: …". */
    public static String level(ExerciseInfo exercise, int level) {
        int total = exercise.hints().size();
        String prefix = total == 1 ? "Hint" : "Hint " + level + " of " + total + " · " + label(exercise, level);
        return prefix + ": " + exercise.hints().get(level - 1);
    }

    /** The levels {@code 1..shown}, one per line, and a last line saying what asking again reveals. */
    public static List<String> upTo(ExerciseInfo exercise, int shown, String askAgain) {
        List<String> lines = new ArrayList<>();
        for (int level = 1; level <= shown; level++) {
            lines.add(level(exercise, level));
        }
        lines.add(next(exercise, shown, askAgain));
        return lines;
    }

    /** What asking again reveals: the next level's name, or that every level is out. */
    public static String next(ExerciseInfo exercise, int shown, String askAgain) {
        if (shown < exercise.hints().size()) {
            return "(" + askAgain + " again for hint " + (shown + 1) + " of " + exercise.hints().size() + ": "
                    + label(exercise, shown + 1).toLowerCase(java.util.Locale.ROOT) + ".)";
        }
        return "(That is every hint; the lab's guide, README.md, explains the rest.)";
    }
}
