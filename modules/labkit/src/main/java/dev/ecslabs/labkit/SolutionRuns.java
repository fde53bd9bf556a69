package dev.ecslabs.labkit;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.TestAbortedException;

/**
 * The course build's proof that a solution survives a learner's re-run: its lab's exercise tests,
 * twice, in one JVM. First every test class in one shared account, as runs against
 * {@code ./lab start} meet it (other classes' resources still there); then once more in that account
 * of an emulator restarted on the same data directory, which must restore what the first run left.
 * The run in a fresh account per class is course-check's ({@code EveryLabInTheLabToolTest} checks each
 * solved lab through the lab tool, as {@code ./lab check} runs it), so it is not repeated here.
 * One JVM instead of a Maven fork per run: the SDK, the emulator and JUnit load and warm up once,
 * while each run still gets the lab's and the solution's classes loaded afresh (their static state
 * starts over, as in a new JVM). The solutions' pom runs only this class (from labkit's jar, through
 * surefire's {@code dependenciesToScan}); each exercise of each run is reported as a test of its own
 * and fails with that exercise's own failure.
 */
class SolutionRuns {
    /** The test classes surefire would have run by its default includes. */
    private static final String SUREFIRE_DEFAULT_INCLUDES = "^(Test.*|.+[.$]Test.*|.*Tests?|.*TestCase)$";

    /** The two runs, in order, in one account and one data directory. */
    enum Run {
        SHARED_ACCOUNT("every test class in one shared account"),
        SHARED_ACCOUNT_AFTER_RESTART("in that shared account again, on an emulator restarted from its data directory");

        private final String title;

        Run(String title) {
            this.title = title;
        }
    }

    @TestFactory
    @DisplayName("The lab's exercises pass on the solution, run after run")
    Stream<DynamicNode> everyExercisePassesInEachRun() {
        Path testClasses = Path.of(required("labs.solutionRuns.testClasses"));
        Path mainClasses = Path.of(required("labs.solutionRuns.mainClasses"));
        Path dataDirectory = Path.of(required("labs.solutionRuns.dataDir"));
        // Each container's stream is read only when JUnit reaches it, so the runs happen one after another.
        return runs().stream().map(run -> DynamicContainer.dynamicContainer(run.title,
                Stream.of(run).flatMap(r -> run(r, testClasses, mainClasses, dataDirectory).stream())));
    }

    /**
     * The runs a solution's pom asks for ({@code labs.solutionRuns.runs}, names of {@link Run}, comma
     * separated), both when it names none. A lab whose last exercise tears down everything it made
     * (lab 11) leaves the second run nothing of the first to meet, so its pom asks for the first only.
     */
    static List<Run> runs() {
        String names = System.getProperty("labs.solutionRuns.runs", "");
        if (names.isBlank()) {
            return List.of(Run.values());
        }
        return Stream.of(names.split(",")).map(String::trim).map(Run::valueOf).toList();
    }

    /** One run of every test class under {@code testClasses}; its outcomes as dynamic tests to report. */
    static List<DynamicNode> run(Run run, Path testClasses, Path mainClasses, Path dataDirectory) {
        Map<String, String> before = new HashMap<>();
        set(before, "labs.sharedAccount", "true");
        set(before, "labs.dataDir", dataDirectory.toString());
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        Recorder recorder = new Recorder(run);
        Backends.closeEmbedded(); // the run starts its own emulator, with its own settings
        try (URLClassLoader classes = new ModuleClassesFirst(testClasses, mainClasses, context);
             LauncherSession session = LauncherFactory.openSession()) {
            thread.setContextClassLoader(classes);
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(testClasses)))
                    .filters(includeClassNamePatterns(SUREFIRE_DEFAULT_INCLUDES))
                    .build(), recorder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(context);
            Backends.closeEmbedded(); // written to the data directory; the next shared run restores it
            before.forEach(SolutionRuns::restore);
        }
        if (recorder.outcomes.isEmpty()) {
            return List.of(DynamicTest.dynamicTest("the lab's tests", () -> {
                throw new AssertionError("No test ran from " + testClasses + ": a lab's test classes end in Test");
            }));
        }
        return recorder.outcomes;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: SolutionRuns is run by the solutions' pom, which sets it");
        }
        return value;
    }

    private static void set(Map<String, String> before, String property, String value) {
        before.put(property, System.getProperty(property));
        restore(property, value);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** Each finished test, and each container that failed on its own (a failing {@code @BeforeAll}), as a dynamic test. */
    private static final class Recorder implements TestExecutionListener {
        private final List<DynamicNode> outcomes = new ArrayList<>();
        private final Run run;

        Recorder(Run run) {
            this.run = run;
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            outcomes.add(DynamicTest.dynamicTest(test.getDisplayName(), () -> {
                throw new TestAbortedException("skipped: " + reason);
            }));
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isContainer() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                return;
            }
            if (test.isContainer() && test.getParentId().isEmpty()) {
                return; // the engine: a failure of its own is its classes' too
            }
            outcomes.add(DynamicTest.dynamicTest(test.getDisplayName(), () -> {
                switch (result.getStatus()) {
                    case SUCCESSFUL -> { }
                    case ABORTED -> throw result.getThrowable().orElseGet(() -> new TestAbortedException("aborted"));
                    case FAILED -> throw failure(test, result.getThrowable().orElse(null));
                }
            }));
        }

        /** The failure as it was, its message led by the exercise and the run, which Maven's summary names only by index. */
        private AssertionError failure(TestIdentifier test, Throwable thrown) {
            String what = thrown == null ? "failed" : thrown instanceof AssertionError ? thrown.getMessage() : thrown.toString();
            return new AssertionError(test.getDisplayName() + " (" + run.title + "): " + what, thrown);
        }
    }

    /**
     * The module's own classes (the lab's tests, the solution) loaded afresh for each run, though the
     * loader that runs this test (surefire's) has them too; everything else comes from that loader.
     */
    private static final class ModuleClassesFirst extends URLClassLoader {
        ModuleClassesFirst(Path testClasses, Path mainClasses, ClassLoader parent) {
            super("solution-run", urls(testClasses, mainClasses), parent);
        }

        private static URL[] urls(Path... directories) {
            Set<URL> urls = new LinkedHashSet<>();
            for (Path directory : directories) {
                try {
                    urls.add(directory.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(directory + " is no class directory", e);
                }
            }
            return urls.toArray(URL[]::new);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notOurs) {
                        return super.loadClass(name, resolve);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
