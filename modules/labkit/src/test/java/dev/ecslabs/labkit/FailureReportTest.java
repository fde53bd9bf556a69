package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The failure text a learner reads, the same in the terminal, the dashboard and the progress file. */
class FailureReportTest {
    @TempDir
    Path lab;

    @Test
    @DisplayName("An AssertJ failure is shown whole: its description, what was expected and what was there")
    void assertionsKeepExpectedAndActual() {
        Throwable failure = catchThrowable(() -> assertThat(1).as("runningCount, as the waiter last saw it").isEqualTo(2));

        String report = FailureReport.of(failure, lab);

        assertThat(report).contains("[runningCount, as the waiter last saw it]").contains("expected: 2").contains("but was: 1");
    }

    @Test
    @DisplayName("An SDK failure shows its root cause: UnknownHostException and the host of AWS's endpoint")
    void sdkFailuresShowTheirRootCause() {
        SdkClientException failure = SdkClientException.builder().message("Received an UnknownHostException when attempting "
                + "to interact with a service. See cause for the exact endpoint that is failing to resolve.")
                .cause(new UnknownHostException("ecs.us-east-1.amazonaws.com")).build();

        String report = FailureReport.of(failure, lab);

        assertThat(report).startsWith("SdkClientException: Received an UnknownHostException")
                .contains("caused by UnknownHostException: ecs.us-east-1.amazonaws.com");
    }

    @Test
    @DisplayName("A failure points at the learner's own file and line in src/main, before any line of the test")
    void failuresPointAtTheLearnersLine() throws Exception {
        Path source = lab.resolve("src/main/java/dev/ecslabs/registry/Registry.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Registry {}");
        Path test = lab.resolve("src/test/java/dev/ecslabs/registry/RegistryTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, "class RegistryTest {}");
        IllegalStateException failure = new IllegalStateException("no repository");
        failure.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.Optional", "orElseThrow", "Optional.java", 377),
            new StackTraceElement("dev.ecslabs.registry.RegistryTest", "createsARepository", "RegistryTest.java", 30),
            new StackTraceElement("dev.ecslabs.registry.Registry", "createRepository", "Registry.java", 42)});

        String report = FailureReport.of(failure, lab);

        assertThat(report).isEqualTo("IllegalStateException: no repository" + System.lineSeparator()
                + "at src/main/java/dev/ecslabs/registry/Registry.java:42 (Registry.createRepository)");
    }

    @Test
    @DisplayName("Nothing is cut: a message of many long lines is kept whole unless a limit is asked for")
    void nothingIsCut() {
        String longLine = "x".repeat(300);
        AssertionError failure = new AssertionError(longLine + "\n" + longLine + "\n" + longLine + "\n" + longLine
                + "\n" + longLine + "\n" + longLine + "\n" + longLine);

        assertThat(FailureReport.of(failure, lab)).hasSize(7 * 300 + 6);
        assertThat(FailureReport.of(failure, lab, 100)).hasSize(100).endsWith("...");
    }
}
