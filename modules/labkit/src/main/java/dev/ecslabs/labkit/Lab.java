package dev.ecslabs.labkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as the exercises of one lab: {@code @Lab("01")} for {@code labs/01-ecr-registry}.
 * It brings the labkit extension (backend, SDK clients, progress, the course check) and names each
 * test after its exercise.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LabExtension.class)
@DisplayNameGeneration(ExerciseDisplayNames.class)
@TestMethodOrder(ExerciseOrder.class)
public @interface Lab {
    /** The lab's two-digit number, as in its folder name. */
    String value();
}
