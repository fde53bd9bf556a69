package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab launcher's training run (for its class-data-sharing archive) ends the JVM by itself, normally. */
class LabTrainingRunTest {

    @Test
    @DisplayName("the training run starts the emulator, reads it through the SDK, calls each service and exits with 0")
    void endsNormally(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("output.txt");
        Process run = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LabTrainingRun.class.getName()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the training run ends by itself").isTrue();
        assertThat(run.exitValue()).as("its exit code; its output:%n%s", Files.readString(output)).isZero();
    }
}
