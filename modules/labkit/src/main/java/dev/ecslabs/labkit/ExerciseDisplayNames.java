package dev.ecslabs.labkit;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/** Names each exercise test "01.3 Push an image with Jib" in every test report. */
public final class ExerciseDisplayNames extends DisplayNameGenerator.Standard {

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method method) {
        Exercise exercise = method.getAnnotation(Exercise.class);
        Lab lab = LabExtension.labOf(testClass);
        if (exercise == null || lab == null) {
            return super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, method);
        }
        return ExerciseId.of(lab, exercise) + " " + exercise.title();
    }
}
