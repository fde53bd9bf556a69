package dev.ecslabs.dashboard.run;

import static org.junit.platform.engine.discovery.ClassNameFilter.STANDARD_INCLUDE_PATTERN;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a lab's exercises inside this JVM: compiles it ({@link LabCompiler}), loads its classes
 * fresh ({@link LabClassLoader}) and runs its tests with the JUnit Platform Launcher, the way
 * Maven's surefire would (the same class name patterns), with labkit recording every result in
 * the progress file. JUnit, labkit, the SDK and the emulator stay loaded and warm between runs.
 * A run may put one exercise first (the one at hand, see {@link RunPlan}): it runs alone and is
 * reported at once, and the rest of the lab runs after it only when it passes.
 */
public final class LabRunner {
    /**
     * One run at a time per lab folder: a run compiles the lab into its {@code target/} and loads its classes from
     * there. Runs of different labs may go at once (the course check runs every lab side by side); each has its own
     * class loader, its own labkit settings ({@link RunSettings}) and its own JUnit launcher session.
     */
    private static final Map<Path, Object> ONE_RUN_PER_LAB = new ConcurrentHashMap<>();
    /** Long enough for any exercise against a real backend; an endless loop in a learner's code still ends. */
    private static final String EXERCISE_TIMEOUT = "5 m";

    private final LabCompiler compiler;

    public LabRunner(LabCompiler compiler) {
        this.compiler = compiler;
    }

    public LabRun run(LabFolder lab, RunSettings settings, RunListener listener) {
        return run(lab, settings, listener, RunPlan.wholeLab());
    }

    public LabRun run(LabFolder lab, RunSettings settings, RunListener listener, RunPlan plan) {
        synchronized (ONE_RUN_PER_LAB.computeIfAbsent(lab.dir().toAbsolutePath().normalize(), dir -> new Object())) {
            long started = System.nanoTime();
            listener.started(lab);
            CompileResult compile = compiler.compile(lab);
            if (!compile.compiled()) {
                listener.compileFailed(lab, compile);
                LabRun run = new LabRun(lab, compile, List.of(), Duration.ofNanos(System.nanoTime() - started));
                listener.finished(run);
                return run;
            }
            List<ExerciseOutcome> outcomes;
            try (LabClassLoader loader = LabClassLoader.of(lab); AutoCloseable ignored = settings.applyTo(lab, loader);
                 AutoCloseable jumps = ClockJumps.during(settings.target());
                 LauncherSession session = LauncherFactory.openSession()) {
                outcomes = execute(lab, loader, session.getLauncher(), listener, plan);
            } catch (Exception e) {
                throw new IllegalStateException("Running lab " + lab.name() + " failed: " + e, e);
            }
            LabRun run = new LabRun(lab, compile, outcomes, Duration.ofNanos(System.nanoTime() - started));
            listener.finished(run);
            return run;
        }
    }

    private List<ExerciseOutcome> execute(LabFolder lab, LabClassLoader loader, Launcher launcher, RunListener listener,
                                          RunPlan plan) {
        List<ExerciseInfo> exercises = ExerciseCatalog.read(lab, loader);
        Optional<ExerciseInfo> first = plan.first().flatMap(id -> exercises.stream().filter(e -> e.id().equals(id)).findFirst());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JUnit finds and loads the test classes through the context class loader
        thread.setContextClassLoader(loader);
        try {
            if (first.isEmpty()) {
                return execute(lab, launcher, exercises, Scope.WHOLE_LAB, null, listener);
            }
            ExerciseInfo atHand = first.get();
            List<ExerciseOutcome> firstOutcome = execute(lab, launcher, List.of(atHand), Scope.ONLY, atHand, listener);
            List<ExerciseInfo> rest = exercises.stream().filter(e -> !e.equals(atHand)).toList();
            List<ExerciseOutcome> restOutcomes = firstOutcome.get(0).passed()
                    ? execute(lab, launcher, rest, Scope.ALL_BUT, atHand, listener)
                    // not run this time: each keeps its last result, which the progress file still holds
                    : rest.stream().map(plan.lastKnown()).toList();
            List<ExerciseOutcome> all = new ArrayList<>(firstOutcome);
            all.addAll(restOutcomes);
            all.sort((a, b) -> Integer.compare(exercises.indexOf(a.exercise()), exercises.indexOf(b.exercise())));
            return all;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Which of the lab's tests a JUnit run takes: all, one exercise's alone, or all but one exercise's. */
    private enum Scope { WHOLE_LAB, ONLY, ALL_BUT }

    /** Runs the lab's tests in {@code scope} of {@code exercise}, expecting the outcomes of {@code expected}. */
    private static List<ExerciseOutcome> execute(LabFolder lab, Launcher launcher, List<ExerciseInfo> expected, Scope scope,
                                                 ExerciseInfo exercise, RunListener listener) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.execution.timeout.default", EXERCISE_TIMEOUT)
                // one exercise after another on this thread, as surefire runs them in the lab's module, whatever a
                // junit-platform.properties on this tool's class path says (a test module's, when tests run the tool)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
        if (scope == Scope.ONLY) {
            request.selectors(exerciseMethod(exercise));
        } else {
            request.selectors(selectClasspathRoots(Set.of(lab.target().resolve("test-classes"))))
                    .filters(includeClassNamePatterns(STANDARD_INCLUDE_PATTERN));
        }
        if (scope == Scope.ALL_BUT) {
            request.filters(allBut(exercise));
        }
        OutcomeCollector collector = new OutcomeCollector(lab, expected, listener);
        launcher.execute(request.build(), collector);
        return collector.outcomes();
    }

    /** The test method of {@code exercise}, loaded as the lab's: a selector by name alone finds only methods without parameters. */
    private static MethodSelector exerciseMethod(ExerciseInfo exercise) {
        try {
            Class<?> type = Class.forName(exercise.testClass(), false, Thread.currentThread().getContextClassLoader());
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.getName().equals(exercise.testMethod())) {
                        return selectMethod(type, method);
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            // reported below like any test that was not found
        }
        throw new IllegalStateException("The test method " + exercise.testClass() + "." + exercise.testMethod()
                + " of exercise " + exercise.id() + " was not found in the compiled tests.");
    }

    /** Leaves out the test method of {@code exercise}, which ran first. */
    private static PostDiscoveryFilter allBut(ExerciseInfo exercise) {
        return descriptor -> descriptor.getSource().orElse(null) instanceof MethodSource method
                && exercise.testClass().equals(method.getClassName()) && exercise.testMethod().equals(method.getMethodName())
                ? FilterResult.excluded("ran first") : FilterResult.included("the rest of the lab");
    }
}
