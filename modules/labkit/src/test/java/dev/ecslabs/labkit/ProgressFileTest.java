package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a result is recorded and read back, keeping the other exercises' results")
    void recordsAndReads() {
        ProgressFile progress = new ProgressFile(dir.resolve("progress.json"));

        progress.record(new ExerciseResult("00.1", ExerciseResult.Status.FAILED, "not yet", Instant.EPOCH, "maven"));
        progress.record(new ExerciseResult("00.2", ExerciseResult.Status.PASSED, null, Instant.EPOCH, "ide"));
        progress.record(new ExerciseResult("00.1", ExerciseResult.Status.PASSED, null, Instant.EPOCH, "cli"));

        assertThat(progress.read()).containsOnlyKeys("00.1", "00.2");
        assertThat(progress.read().get("00.1").runner()).isEqualTo("cli");
        assertThat(progress.read().get("00.1").passed()).isTrue();
    }

    @Test
    @DisplayName("two labs running at once in two JVMs, with threads each, lose no result")
    void concurrentWritersLoseNothing() throws Exception {
        Path file = dir.resolve("progress.json");
        String classpath = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (String lab : List.of("01", "02")) {
            processes.add(new ProcessBuilder(java, "-cp", classpath, ProgressWriter.class.getName(), file.toString(), lab, "40")
                    .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "writer-" + lab + ".log")).start());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(threads.submit(() -> ProgressWriter.write(file, "0" + (3 + thread), 10)));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }

        assertThat(new ProgressFile(file).read()).hasSize(2 * 40 + 4 * 10);
    }

    @Test
    @DisplayName("a progress file that can't be read is moved aside, never silently dropped")
    void corruptFileIsSetAside() throws Exception {
        Path file = dir.resolve("progress.json");
        Files.writeString(file, "{ this is not json");

        ProgressFile progress = new ProgressFile(file);
        progress.record(new ExerciseResult("00.1", ExerciseResult.Status.PASSED, null, Instant.EPOCH, "maven"));

        assertThat(progress.read()).containsOnlyKeys("00.1");
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("progress.json.corrupt-")).findFirst().orElseThrow();
            assertThat(Files.readString(aside)).isEqualTo("{ this is not json");
        }
    }

    /** Writes results from another JVM. */
    public static final class ProgressWriter {
        public static void main(String[] args) {
            write(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        }

        static void write(Path file, String lab, int count) {
            ProgressFile progress = new ProgressFile(file);
            for (int i = 1; i <= count; i++) {
                progress.record(new ExerciseResult(lab + "." + i, ExerciseResult.Status.PASSED, null, Instant.now(), "test"));
            }
        }
    }
}
