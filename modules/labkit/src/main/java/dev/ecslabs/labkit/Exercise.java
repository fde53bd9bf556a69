package dev.ecslabs.labkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

/**
 * One exercise of a lab, and the one place its order, title and hints are written: the dashboard,
 * {@code ./lab hint NN.M} and the test report all read them from here. Exercise {@code 3} of
 * {@code @Lab("01")} is exercise {@code 01.3}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
public @interface Exercise {
    /** The exercise's number within its lab, from 1, in the order a learner should do them. */
    int value();

    /** What the exercise asks, as a short imperative sentence. */
    String title();

    /**
     * Graduated hints, revealed one at a time as the learner asks again: exactly three levels,
     * {@link HintLevel#CONCEPT} (the idea: what AWS does and why), {@link HintLevel#API} (which
     * operation, waiter or paginator, and which of its fields) and {@link HintLevel#SHAPE} (the
     * shape of the call, short of the solution).
     */
    String[] hints() default {};

    /**
     * A single hint, for a lab whose exercises have no graduated {@link #hints()} yet; an exercise
     * has one or the other, never both.
     */
    String hint() default "";
}
