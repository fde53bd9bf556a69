package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.labkit.fixtures.FailingLabs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** What labkit makes of failures that are not the learner's, or that say nothing by themselves. */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class LearnerFailuresTest {
    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path course;

    @BeforeEach
    void aLearnersRun() throws Exception {
        Files.createDirectories(course.resolve("labs/95-calls"));
        Files.writeString(course.resolve("mvnw"), "");
        set("labs.progressFile", progressFile().toString());
        set("labs.moduleDir", course.resolve("labs/95-calls").toString());
        set("labs.courseCheck", "false");
        set("labs.invokedFrom", null);
        FailingLabs.closedPort = closedPort();
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    @DisplayName("When the course's endpoint stops answering, the exercise is aborted with a sentence saying how to start it, and its last result is kept")
    void aLostEndpointIsNotTheLearnersFailure() {
        ProgressFile progress = new ProgressFile(progressFile());
        progress.record(new ExerciseResult("95.1", ExerciseResult.Status.PASSED, null, Instant.parse("2026-12-01T10:00:00Z"), "cli"));
        set("labs.backend", "endpoint");
        set("labs.endpoint", "http://127.0.0.1:" + FailingLabs.closedPort);

        Events events = run(FailingLabs.CallingLab.class, "listsClusters");

        events.assertThatEvents().haveExactly(1, event(test(), abortedWithReason(message(m ->
                m.equals("The course's endpoint http://127.0.0.1:" + FailingLabs.closedPort + " stopped answering, so "
                        + "this exercise was not checked and its last result is kept: start the course again with ./lab start "
                        + "(or ask your instructor, if it is the classroom's emulator) and check again.")))));
        assertThat(progress.read().get("95.1").passed()).as("the result from before the endpoint went away").isTrue();
    }

    @Test
    @DisplayName("When the endpoint answers, a connection the learner's code could not make is the learner's failure, recorded")
    void aConnectionOfTheLearnersIsTheirs() {
        try (Emulator emulator = Emulator.start(0)) {
            set("labs.backend", "endpoint");
            set("labs.endpoint", emulator.url().toString());

            Events events = run(FailingLabs.CallingLab.class, "reachesATask");

            events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure()));
            assertThat(new ProgressFile(progressFile()).read().get("95.2").status()).isEqualTo(ExerciseResult.Status.FAILED);
        }
    }

    @Test
    @DisplayName("An empty answer indexed by the learner's code is explained: DescribeClusters answered MISSING for \"clusterName\", in the account and region")
    void aMissingAnswerIsExplained() {
        Events events = run(FailingLabs.TypoLab.class, "describesTheCluster");

        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure()));
        String message = new ProgressFile(progressFile()).read().get("94.1").message();
        assertThat(message).startsWith("IndexOutOfBoundsException: Index 0 out of bounds for length 0")
                .containsPattern("DescribeClusters answered MISSING for \"clusterName\": the cluster \"clusterName\" does not "
                        + "exist in account \\d{12}, region us-east-1\\.");
    }

    @Test
    @DisplayName("A not-found error keeps AWS's type and message, and says which cluster was asked for, in which account and region")
    void aNotFoundErrorNamesWhatWasAskedFor() {
        Events events = run(FailingLabs.TypoLab.class, "describesTheService");

        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(m -> m.startsWith("Cluster not found.")))));
        assertThat(new ProgressFile(progressFile()).read().get("94.2").message())
                .startsWith("ClusterNotFoundException: Cluster not found.")
                .containsPattern("DescribeServices answered ClusterNotFoundException for cluster \"nowhere\", services "
                        + "\\[\"web\"\\] in account \\d{12}, region us-east-1\\.");
    }

    @Test
    @DisplayName("ECR's LayerFailure (a layer still to upload) is a push's normal answer, not a resource the learner asked for: no note")
    void aLayerFailureIsNoMissingResource() {
        Events events = run(FailingLabs.TypoLab.class, "checksALayer");

        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure()));
        assertThat(new ProgressFile(progressFile()).read().get("94.3").message()).contains("the learner's own failure")
                .doesNotContain("answered").doesNotContain("does not exist");
    }

    private Path progressFile() {
        return course.resolve(".labs/progress.json");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Events run(Class<?> type, String method) {
        java.lang.reflect.Method exercise = java.util.Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(method)).findFirst().orElseThrow();
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, exercise)).execute().testEvents();
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
