package dev.ecslabs.labkit;

/** An exercise's id, {@code NN.M}: the lab's number and the exercise's number in it. */
public record ExerciseId(String lab, int number) implements Comparable<ExerciseId> {

    public static ExerciseId of(Lab lab, Exercise exercise) {
        return new ExerciseId(lab.value(), exercise.value());
    }

    /** Reads {@code "01.3"}. */
    public static ExerciseId parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 1) {
            throw new IllegalArgumentException("An exercise id looks like 01.3 (lab 01, exercise 3), not '" + text + "'");
        }
        try {
            return new ExerciseId(text.substring(0, dot), Integer.parseInt(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("An exercise id looks like 01.3 (lab 01, exercise 3), not '" + text + "'");
        }
    }

    @Override
    public int compareTo(ExerciseId other) {
        int byLab = lab.compareTo(other.lab);
        return byLab != 0 ? byLab : Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return lab + "." + number;
    }
}
