package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link SolutionRuns}, on a sample solution module compiled here: two runs in one JVM, each with
 * the module's classes loaded afresh, in one shared account across an emulator restart, and a
 * failure reported with its exercise and run.
 */
// It sets labkit's settings (labs.*) as JVM system properties, and closes Backends' one embedded emulator
// for the JVM: every class that reads the settings, and so uses that emulator, waits for it.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class SolutionRunsTest {
    private static final String SAMPLE = """
            package sample;

            import dev.ecslabs.labkit.Backend;
            import dev.ecslabs.labkit.Exercise;
            import dev.ecslabs.labkit.Lab;
            import software.amazon.awssdk.services.ecs.EcsClient;

            @Lab("97")
            class SampleTest {
                static int calls;

                @Exercise(value = 1, title = "Static state starts over in each run", hint = "h")
                void staticStateStartsOver() {
                    calls++;
                    if (calls != 1) {
                        throw new AssertionError("this class's static state came from an earlier run: " + calls);
                    }
                }

                @Exercise(value = 2, title = "Note the account and what it held", hint = "h")
                void notesTheAccount(Backend backend, EcsClient ecs) {
                    int before = ecs.listClusters().clusterArns().size();
                    ecs.createCluster(c -> c.clusterName("kept"));
                    System.setProperty("sample.seen", System.getProperty("sample.seen", "")
                            + backend.accountId() + ":" + before + ":" + System.identityHashCode(backend.emulator().orElseThrow()) + " ");
                }

                @Exercise(value = 3, title = "Fails after the restart only", hint = "h")
                void failsAfterTheRestart() {
                    if (System.getProperty("sample.seen", "").trim().split(" ").length == 2) {
                        throw new AssertionError("broken on purpose");
                    }
                }
            }
            """;

    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path course;

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        Backends.closeEmbedded();
    }

    @Test
    @DisplayName("runs a solution's tests twice in one JVM: in a shared account, then in that account after a restart")
    void twoRunsInOneJvm() throws Exception {
        Path module = Files.createDirectories(course.resolve("solutions/97-sample"));
        Files.writeString(course.resolve("mvnw"), "");
        Path sources = Files.createDirectories(module.resolve("src/test/java/sample"));
        Path testClasses = Files.createDirectories(module.resolve("target/test-classes"));
        Path mainClasses = Files.createDirectories(module.resolve("target/classes"));
        Files.writeString(sources.resolve("SampleTest.java"), SAMPLE, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", testClasses.toString(), "-cp", System.getProperty("java.class.path"),
                sources.resolve("SampleTest.java").toString());
        assertThat(compiled).as("the sample compiles").isZero();

        set("labs.moduleDir", module.toString());
        set("labs.progressFile", course.resolve(".labs/progress.json").toString());
        set("labs.keepResources", "true"); // so that the restarted emulator has something to restore
        set("labs.solutionRuns.testClasses", testClasses.toString());
        set("labs.solutionRuns.mainClasses", mainClasses.toString());
        set("labs.solutionRuns.dataDir", module.resolve("target/shared-account-emulator").toString());
        set("sample.seen", null);

        // As under surefire, the loader that runs the tests has the module's classes too.
        Events tests;
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader surefire = new URLClassLoader(new URL[] {testClasses.toUri().toURL(), mainClasses.toUri().toURL()},
                before)) {
            thread.setContextClassLoader(surefire);
            tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SolutionRuns.class)).execute().testEvents();
        } finally {
            thread.setContextClassLoader(before);
        }

        assertThat(tests.started().count()).as("three exercises, two runs").isEqualTo(6);
        assertThat(tests.succeeded().count()).isEqualTo(5);
        List<Event> failed = tests.failed().list();
        assertThat(failed).singleElement().satisfies(event -> assertThat(
                event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                        .orElseThrow().getMessage())
                .startsWith("97.3 Fails after the restart only (in that shared account again, on an emulator restarted")
                .endsWith(": broken on purpose"));
        String[] seen = System.getProperty("sample.seen").trim().split(" ");
        assertThat(seen).as("account:clusters before each run's CreateCluster:emulator").hasSize(2);
        assertThat(seen[0]).as("the first run, in the shared account, on a new data directory").startsWith("000000000000:0:");
        assertThat(seen[1]).as("the second run, after the restart: the first run's cluster restored").startsWith("000000000000:1:");
        assertThat(java.util.Arrays.stream(seen).map(s -> s.substring(s.lastIndexOf(':'))).distinct())
                .as("each run on an emulator of its own").hasSize(2);
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    @DisplayName("a solution's pom chooses its runs with labs.solutionRuns.runs; none named means both, in order")
    void runsChosenByThePom() {
        String before = System.getProperty("labs.solutionRuns.runs");
        try {
            System.clearProperty("labs.solutionRuns.runs");
            assertThat(SolutionRuns.runs()).containsExactly(SolutionRuns.Run.SHARED_ACCOUNT,
                    SolutionRuns.Run.SHARED_ACCOUNT_AFTER_RESTART);
            System.setProperty("labs.solutionRuns.runs", "");
            assertThat(SolutionRuns.runs()).hasSize(2);
            System.setProperty("labs.solutionRuns.runs", "SHARED_ACCOUNT");
            assertThat(SolutionRuns.runs()).containsExactly(SolutionRuns.Run.SHARED_ACCOUNT);
        } finally {
            if (before == null) {
                System.clearProperty("labs.solutionRuns.runs");
            } else {
                System.setProperty("labs.solutionRuns.runs", before);
            }
        }
    }
}
