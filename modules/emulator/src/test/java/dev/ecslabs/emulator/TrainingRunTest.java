package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --training-run}: a start, a call of each service and a normal exit, which a class-data-sharing archive needs. */
class TrainingRunTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("--training-run with -XX:ArchiveClassesAtExit writes an archive that a later start can map (-Xshare:on)")
    void writesAnArchiveALaterStartUses() throws Exception {
        // The JVM archives classes from jars only: the emulator's classes go into a jar of their own.
        String classPath = jarOf(Path.of("target/classes")) + File.pathSeparator + dependencyJars();
        Path archive = dir.resolve("emulator.jsa");

        Process training = java("-XX:ArchiveClassesAtExit=" + archive, "-cp", classPath, EmulatorMain.class.getName(),
                "--training-run");
        assertThat(training.waitFor(120, TimeUnit.SECONDS)).as("the training run ends by itself").isTrue();
        assertThat(training.exitValue()).as("the training run's exit code (its calls all answered 200)").isZero();
        assertThat(archive).as("the archive the JVM wrote at the training run's exit").isNotEmptyFile();

        Process start = java("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", classPath,
                EmulatorMain.class.getName(), "--help");
        assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).as("a JVM started with -Xshare:on exits with 1 when it cannot map the archive").isZero();
    }

    /**
     * Starts a JVM with the build's own test flags (the JIT's first tier, the serial collector: the
     * root pom's argLine), both for the training run and the start that maps its archive, which a
     * JVM maps only under the settings it was written with.
     */
    private Process java(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(Arrays.asList(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output-" + System.nanoTime() + ".txt").toFile()).start();
    }

    private Path jarOf(Path classes) throws IOException {
        Path jar = dir.resolve("emulator-classes.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            jarOut.setLevel(Deflater.NO_COMPRESSION); // read once, from a temporary directory: deflating is CPU for nothing
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static String dependencyJars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
    }
}
