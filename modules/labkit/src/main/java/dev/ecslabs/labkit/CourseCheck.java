package dev.ecslabs.labkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The course check on a lab's starter code: every exercise has a title, its hints and a number of
 * its own, every {@code throw new NotDoneYet()} in the starter has a TODO above it, and every
 * exercise fails on the starter with that NotDoneYet (not a compile error, a setup error or a pass).
 * {@code ./mvnw verify} runs it in modules/course-check, through the lab tool ({@link #checkStarter});
 * a lab's tests run with {@code -Dlabs.courseCheck=true} get it from the labkit extension. Each breach
 * fails with a message naming the lab and the exercise.
 */
public final class CourseCheck {
    private static final Map<String, Map<Integer, String>> NUMBERS_SEEN = new HashMap<>();
    private static final Set<Path> SOURCES_CHECKED = new HashSet<>();

    private CourseCheck() {
    }

    /**
     * The rules on a starter's declarations and sources, for a lab whose tests another runner ran:
     * {@code testClasses} are the lab's compiled test classes (those without {@link Lab} are passed
     * over), {@code labDir} the lab's folder, which holds its {@code src/main/java} and README.md.
     */
    public static void checkStarter(Path labDir, Collection<Class<?>> testClasses) {
        Lab lab = null;
        for (Class<?> testClass : testClasses) {
            Lab declared = LabExtension.labOf(testClass);
            if (declared != null) {
                lab = declared;
                checkExercises(testClass, declared);
            }
        }
        if (lab == null) {
            throw new AssertionError("Course check: " + labDir + " has no test class marked @Lab");
        }
        checkTodos(lab, labDir.toAbsolutePath().normalize());
    }

    /** Checks the exercises one test class declares; numbers must be unique across the whole lab. */
    static synchronized void checkExercises(Class<?> testClass, Lab lab) {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> seen = NUMBERS_SEEN.computeIfAbsent(lab.value(), k -> new HashMap<>());
        for (Method method : testClass.getDeclaredMethods()) {
            Exercise exercise = method.getAnnotation(Exercise.class);
            if (exercise == null) {
                continue;
            }
            String where = testClass.getSimpleName() + "." + method.getName();
            if (exercise.value() < 1) {
                problems.add(where + " has exercise number " + exercise.value() + "; numbers start at 1");
            }
            if (exercise.title().isBlank()) {
                problems.add(where + " (exercise " + lab.value() + "." + exercise.value() + ") has no title");
            }
            problems.addAll(hintProblems(where + " (exercise " + lab.value() + "." + exercise.value() + ")", exercise));
            String other = seen.putIfAbsent(exercise.value(), where);
            if (other != null && !other.equals(where)) {
                problems.add(where + " and " + other + " are both exercise " + lab.value() + "." + exercise.value());
            }
        }
        fail(lab, problems);
    }

    /**
     * An exercise has either graduated {@code hints}, exactly one per {@link HintLevel}, none blank,
     * or (a lab not yet moved to them) one non-blank {@code hint}; never both, never neither.
     */
    static List<String> hintProblems(String where, Exercise exercise) {
        List<String> problems = new ArrayList<>();
        String[] hints = exercise.hints();
        if (hints.length > 0 && !exercise.hint().isEmpty()) {
            problems.add(where + " has both hints and hint; keep the graduated hints only");
        } else if (hints.length == 0 && exercise.hint().isBlank()) {
            problems.add(where + " has no hint: give it hints = {concept, api, shape}");
        } else if (hints.length > 0 && hints.length != HintLevel.values().length) {
            problems.add(where + " has " + hints.length + " hints; it needs exactly " + HintLevel.values().length
                    + ": the idea, which API and fields, the shape of the call");
        }
        for (int i = 0; i < Math.min(hints.length, HintLevel.values().length); i++) {
            if (hints[i].isBlank()) {
                problems.add(where + " has a blank hint at level " + (i + 1) + " (" + HintLevel.values()[i].label() + ")");
            }
        }
        return problems;
    }

    /** Checks that every NotDoneYet in the starter sources has a TODO comment right above it. */
    static synchronized void checkTodos(Lab lab, Path moduleDir) {
        Path sources = moduleDir.resolve("src/main/java");
        if (!SOURCES_CHECKED.add(sources) || !Files.isDirectory(sources)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        int throwsFound = 0;
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("new NotDoneYet(")) {
                        throwsFound++;
                        if (TodoComments.above(lines, i + 1).isEmpty()) {
                            problems.add(sources.relativize(file) + ":" + (i + 1)
                                    + " throws NotDoneYet without a '// TODO: what to do' comment right above it");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (throwsFound == 0) {
            problems.add("its starter code (" + sources + ") has no 'throw new NotDoneYet()': nothing is left for the learner");
        }
        if (!Files.isRegularFile(moduleDir.resolve("README.md"))) {
            problems.add("it has no README.md guide");
        }
        fail(lab, problems);
    }

    /** An exercise ran on the starter code; it must have failed with the starter's NotDoneYet. */
    static void verifyFailedOnStarter(ExerciseId id, Throwable thrown) {
        if (thrown == null) {
            throw new AssertionError("Course check: exercise " + id + " passes on the starter code of lab " + id.lab()
                    + ". The starter must leave it for the learner: make the starter method it relies on throw NotDoneYet.");
        }
        NotDoneYet notDone = find(thrown);
        if (notDone == null) {
            throw new AssertionError("Course check: exercise " + id + " must fail on the starter code with the starter's "
                    + "NotDoneYet, but it failed with " + thrown, thrown);
        }
        if (notDone.todo().isEmpty()) {
            throw new AssertionError("Course check: exercise " + id + " reached " + notDone.method()
                    + ", which throws NotDoneYet without a TODO comment above the throw.", thrown);
        }
    }

    private static NotDoneYet find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof NotDoneYet notDone) {
                return notDone;
            }
        }
        return null;
    }

    private static void fail(Lab lab, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError("Course check: lab " + lab.value() + " breaks the course's rules:\n  - "
                    + String.join("\n  - ", problems));
        }
    }
}
