package dev.ecslabs.labkit;

import java.util.Comparator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Runs and reports a lab's exercises in their numbered order, so a learner reads the results in
 * the order of the guide. Exercises never depend on each other; this is presentation only.
 */
public final class ExerciseOrder implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparingInt(method ->
                method.findAnnotation(Exercise.class).map(Exercise::value).orElse(Integer.MAX_VALUE)));
    }
}
