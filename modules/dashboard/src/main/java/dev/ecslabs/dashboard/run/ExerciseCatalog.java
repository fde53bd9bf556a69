package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabExercises;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.ExerciseId;
import dev.ecslabs.labkit.HintLevel;
import dev.ecslabs.labkit.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Reads each lab's exercises from the {@code @Lab} and {@code @Exercise} annotations of its
 * compiled test classes: the annotations are the one place a title or a hint is written, and
 * reading them from the classes (not the sources) sees exactly what the tests declare, constants
 * and all. A lab whose test classes are missing or older than its test sources is compiled first;
 * if that fails (the learner is mid-edit), the last classes that compiled still tell the exercises.
 */
public final class ExerciseCatalog {
    private final LabCompiler compiler;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long classesStamp, LabExercises exercises) {
    }

    public ExerciseCatalog(LabCompiler compiler) {
        this.compiler = compiler;
    }

    public LabExercises of(LabFolder lab) {
        Optional<String> compileProblem = Optional.empty();
        if (!LabCompiler.testsUpToDate(lab)) {
            CompileResult result = compiler.compile(lab);
            if (!result.compiled()) {
                compileProblem = Optional.of(result.learnersCode()
                        ? "Lab " + lab.id() + " does not compile:\n" + result.errors() : result.errors());
            }
        }
        Path testClasses = lab.target().resolve("test-classes");
        long stamp = stamp(testClasses);
        Cached cached = cache.get(lab.dir());
        if (cached != null && cached.classesStamp() == stamp && stamp != 0) {
            return cached.exercises();
        }
        if (stamp == 0) {
            return new LabExercises(lab, List.of(), Optional.of(compileProblem.orElse(
                    "Lab " + lab.id() + " has no compiled tests yet.")));
        }
        try (LabClassLoader loader = LabClassLoader.of(lab)) {
            LabExercises exercises = new LabExercises(lab, read(lab, loader), Optional.empty());
            cache.put(lab.dir(), new Cached(stamp, exercises));
            return exercises;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exercises declared by the test classes a loader sees in the lab's {@code target/test-classes}. */
    public static List<ExerciseInfo> read(LabFolder lab, ClassLoader loader) {
        Path testClasses = lab.target().resolve("test-classes");
        List<ExerciseInfo> exercises = new ArrayList<>();
        for (String className : classNames(testClasses)) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            Lab labAnnotation = labOf(type);
            if (labAnnotation == null) {
                continue;
            }
            try {
                for (Method method : type.getDeclaredMethods()) {
                    Exercise exercise = method.getAnnotation(Exercise.class);
                    if (exercise != null) {
                        exercises.add(new ExerciseInfo(ExerciseId.of(labAnnotation, exercise), exercise.title(),
                                HintLevel.of(exercise), className, method.getName()));
                    }
                }
            } catch (LinkageError e) {
                // a test class whose methods name a class that no longer exists tells no exercises
            }
        }
        exercises.sort(Comparator.comparing(ExerciseInfo::id));
        return exercises;
    }

    /** {@code @Lab} on the class or a class around it, as labkit finds it. */
    private static Lab labOf(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            Lab lab = t.getAnnotation(Lab.class);
            if (lab != null) {
                return lab;
            }
        }
        return null;
    }

    private static List<String> classNames(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString())
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('\\', '.').replace('/', '.'))
                    .filter(name -> !name.endsWith("module-info"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes whenever the test classes were compiled again: the newest class file's time, and how many there are. */
    private static long stamp(Path testClasses) {
        if (!Files.isDirectory(testClasses)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(testClasses)) {
            List<Path> classes = files.filter(f -> f.toString().endsWith(".class")).toList();
            long newest = classes.stream().mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
            return classes.isEmpty() ? 0 : newest * 1000 + classes.size();
        } catch (IOException e) {
            return 0;
        }
    }
}
