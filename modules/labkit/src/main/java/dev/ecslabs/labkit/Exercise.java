package dev.ecslabs.labkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

/**
 * One exercise of a lab, and the one place its order, title and hint are written: the dashboard,
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

    /** A hint that points the way without giving the answer away. */
    String hint();
}
