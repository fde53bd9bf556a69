package dev.ecslabs.dashboard.run;

import static org.junit.platform.engine.discovery.ClassNameFilter.STANDARD_INCLUDE_PATTERN;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a lab's exercises inside this JVM: compiles it ({@link LabCompiler}), loads its classes
 * fresh ({@link LabClassLoader}) and runs its tests with the JUnit Platform Launcher, the way
 * Maven's surefire would (the same class name patterns), with labkit recording every result in
 * the progress file. JUnit, labkit, the SDK and the emulator stay loaded and warm between runs.
 */
public final class LabRunner {
    /** One run at a time per JVM: a run sets labkit's settings as system properties. */
    private static final Object ONE_RUN_AT_A_TIME = new Object();
    /** Long enough for any exercise against a real backend; an endless loop in a learner's code still ends. */
    private static final String EXERCISE_TIMEOUT = "5 m";

    private final LabCompiler compiler;
    private Launcher launcher;

    public LabRunner(LabCompiler compiler) {
        this.compiler = compiler;
    }

    public LabRun run(LabFolder lab, RunSettings settings, RunListener listener) {
        synchronized (ONE_RUN_AT_A_TIME) {
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
            try (LabClassLoader loader = LabClassLoader.of(lab); AutoCloseable ignored = settings.applyTo(lab)) {
                outcomes = execute(lab, loader, listener);
            } catch (Exception e) {
                throw new IllegalStateException("Running lab " + lab.name() + " failed: " + e, e);
            }
            LabRun run = new LabRun(lab, compile, outcomes, Duration.ofNanos(System.nanoTime() - started));
            listener.finished(run);
            return run;
        }
    }

    private List<ExerciseOutcome> execute(LabFolder lab, LabClassLoader loader, RunListener listener) {
        List<ExerciseInfo> exercises = ExerciseCatalog.read(lab, loader);
        Launcher junit = launcher();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JUnit finds and loads the test classes through the context class loader
        thread.setContextClassLoader(loader);
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(lab.target().resolve("test-classes"))))
                    .filters(includeClassNamePatterns(STANDARD_INCLUDE_PATTERN))
                    .configurationParameter("junit.jupiter.execution.timeout.default", EXERCISE_TIMEOUT)
                    .build();
            OutcomeCollector collector = new OutcomeCollector(lab, exercises, listener);
            junit.execute(request, collector);
            return collector.outcomes();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Launcher launcher() {
        if (launcher == null) {
            launcher = LauncherFactory.create();
        }
        return launcher;
    }
}
