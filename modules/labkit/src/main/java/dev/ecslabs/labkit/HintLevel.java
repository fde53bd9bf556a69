package dev.ecslabs.labkit;

import java.util.Arrays;
import java.util.List;

/** The levels of an exercise's graduated hints, in the order a learner sees them. */
public enum HintLevel {
    /** The idea: what AWS does here, and why, in the guide's words. */
    CONCEPT("The idea"),
    /** Which operation, waiter or paginator, and which of its fields. */
    API("Which API"),
    /** The shape of the call, short of the solution. */
    SHAPE("The shape of the call");

    private final String label;

    HintLevel(String label) {
        this.label = label;
    }

    /** How the tools title this level: "The idea", "Which API", "The shape of the call". */
    public String label() {
        return label;
    }

    /** The hints an exercise declares, from the first level on: its {@code hints}, else its single {@code hint}. */
    public static List<String> of(Exercise exercise) {
        if (exercise.hints().length > 0) {
            return List.copyOf(Arrays.asList(exercise.hints()));
        }
        return exercise.hint().isBlank() ? List.of() : List.of(exercise.hint());
    }
}
