package dev.ecslabs.dashboard.classroom.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.cli.LabCommand;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The offline kit, end to end: {@code lab offline-kit} prepares it from the Maven repository this
 * build runs from (no download), it is copied as from a FAT-formatted USB stick (execute bits
 * lost), {@code java Install.java} installs it into an empty home, and there, with every network
 * route to Maven closed (an unreachable mirror, an unreachable proxy for the wrapper's download),
 * the learner's first commands work: {@code ./lab check 00} (which builds the course) and
 * {@code ../../mvnw test} in a lab.
 *
 * <p>It runs beside the module's other classes (junit-platform.properties): nearly all its time is
 * its child processes' Maven builds, and it shares no state with them in this JVM.
 */
@Execution(ExecutionMode.CONCURRENT)
class OfflineKitTest {
    private static final long MINUTES = 10;

    @TempDir
    Path dir;

    @Test
    @DisplayName("A kit copied from a USB stick and installed in an empty home builds and runs the course with no network")
    void offlineKitRunsTheCourseWithoutNetwork() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"),
                "This test drives ./mvnw and ./lab with sh; on Windows the kit is made the same way with mvnw.cmd.");
        WrapperMaven maven = WrapperMaven.of(TempCourse.REAL_ROOT);
        Assumptions.assumeTrue(maven.installed().isPresent(), "The wrapper's " + maven.name() + " is not in "
                + WrapperMaven.dists() + ": run ./mvnw once (this test makes a kit from what this machine has).");
        Path kit = dir.resolve("stick");

        Run made = makeKit(kit);

        assertThat(made.exit()).as(made.output()).isZero();
        assertThat(made.output()).contains("The offline kit is ready in " + kit);
        assertThat(kit.resolve("m2/repository/dev/ecslabs")).doesNotExist();
        try (Stream<Path> files = Files.walk(kit.resolve("m2/repository"))) {
            assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("_remote.repositories")
                    .anyMatch(name -> name.startsWith("surefire-junit-platform"));
        }

        Path laptop = dir.resolve("laptop");
        copyAsFromAStick(kit, laptop);
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".m2"));
        // the learner's Maven may reach nothing: any download would fail the build
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings><mirrors><mirror><id>nowhere</id><mirrorOf>*</mirrorOf>"
                + "<url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>", StandardCharsets.UTF_8);

        Run install = run(laptop, List.of(java(), "-Duser.home=" + home, "Install.java"), home);
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(install.output()).contains("Installed", "No network is needed from now on");
        assertThat(home.resolve(".m2/wrapper/dists").resolve(maven.name()))
                .isDirectoryContaining(p -> Files.isExecutable(p.resolve("bin/mvn")));
        assertThat(laptop.resolve("ecs-labs/mvnw")).isExecutable();

        Path course = laptop.resolve("ecs-labs");
        Run check = run(course, List.of("sh", "lab", "check", "00"), home);
        assertThat(check.output()).contains("✘ 00.1", "GettingStarted.ecsClient is not done yet").doesNotContain("BUILD FAILURE");
        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        try (Stream<Path> archives = Files.list(course.resolve("modules/dashboard/target"))) {
            assertThat(archives.map(f -> f.getFileName().toString())).as("the first check made the class-data archive of short runs")
                    .anyMatch(name -> name.startsWith("ecs-labs-lab-check-") && name.endsWith(".jsa"));
        }
        Run again = run(course, List.of("sh", "lab", "check", "00"), home);
        assertThat(again.output()).as("with the archive").contains("✘ 00.1", "GettingStarted.ecsClient is not done yet")
                .doesNotContain("warning");
        assertThat(again.exit()).as(again.output()).isEqualTo(1);

        Run test = run(course.resolve("labs/00-getting-started"), List.of("sh", "../../mvnw", "-B", "test"), home);
        assertThat(test.output()).contains("Tests run: 4, Failures: 4", "is not done yet").doesNotContain("Could not");
    }

    private record Run(int exit, String output) {
    }

    /** Runs a program as the learner: their home, their Maven settings, and no way out for a download. */
    private static Run run(Path directory, List<String> command, Path home) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("MAVEN_USER_HOME");
        env.remove("MAVEN_ARGS");
        env.put("HOME", home.toString());
        env.put("MAVEN_OPTS", "-Duser.home=" + home);
        for (String proxy : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")) {
            env.put(proxy, "http://127.0.0.1:9");
        }
        // the course's own calls stay on this machine (the AWS SDK, too, reads these variables)
        env.put("no_proxy", "localhost,127.0.0.1");
        env.put("NO_PROXY", "localhost,127.0.0.1");
        return finish(builder, Files.createTempFile(home, "run", ".log"));
    }

    /** Starts the program with no input and its output into {@code log}, and waits for it (at most {@link #MINUTES}). */
    private static Run finish(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        Process process = builder.redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not finish in " + MINUTES + " minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code lab offline-kit} as the instructor's {@code ./lab} does, in a JVM of its own: the
     * course root is that JVM's {@code labs.courseRoot}, so this class can run beside the others
     * (which set the property in this JVM for their own courses) while the kit's Maven builds run.
     */
    private Run makeKit(Path kit) throws Exception {
        List<String> command = List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlabs.courseRoot=" + TempCourse.REAL_ROOT, "-cp", System.getProperty("java.class.path"),
                LabCommand.class.getName(), "offline-kit", "--into", kit.toString(),
                "--from-repository", buildRepository().toString());
        return finish(new ProcessBuilder(command).directory(TempCourse.REAL_ROOT.toFile()).redirectErrorStream(true),
                Files.createTempFile(dir, "offline-kit", ".log"));
    }

    /** A copy as from a FAT-formatted stick: the files arrive, their execute bits do not. */
    private static void copyAsFromAStick(Path from, Path to) throws IOException {
        OfflineKit.copyTree(from, to);
        try (Stream<Path> files = Files.walk(to)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    /** The Maven repository this build runs from: where Javalin's jar on the class path lives. */
    private static Path buildRepository() throws Exception {
        Path jar = Path.of(Javalin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // …/repository/io/javalin/javalin/7.2.3/javalin-7.2.3.jar
        return jar.getParent().getParent().getParent().getParent().getParent();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
