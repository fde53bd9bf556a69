package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.labkit.ExerciseResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code lab check} tells a learner when something went wrong, and whose fault it says it was. */
class LearnerMessagesTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("A failure is printed whole and wrapped: the exception, labkit's note on the empty answer, and the learner's file and line")
    void failuresArePrintedWhole() throws IOException {
        Course course = TempCourse.copyInto(dir);
        Path starter = TempCourse.starter(course);
        String typo = "return List.of(ecs.describeClusters(b -> b.clusters(\"clusterName\")).clusters().get(0).clusterArn());";
        replaceFirstThrowIn(starter, "clusterArns(EcsClient ecs)", typo);
        int line = lineOf(starter, typo);

        Cli.Result result = Cli.run(course, "check", "00");

        String joined = result.out().replaceAll("\\s*\\R\\s*", " ");
        assertThat(joined).contains("✘ 00.2 List the clusters of the account IndexOutOfBoundsException: Index 0 out of bounds "
                + "for length 0 DescribeClusters answered MISSING for \"clusterName\": the cluster \"clusterName\" does not exist in "
                + "account ").contains(", region us-east-1. at src/main/java/dev/ecslabs/gettingstarted/GettingStarted.java:" + line
                + " (GettingStarted.clusterArns)");
        assertThat(result.out().lines().filter(l -> l.startsWith("      "))).as("every line of a failure fits a terminal")
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    @Test
    @DisplayName("When the course's endpoint stops answering, lab check says so once, marks the exercises that needed it not checked, and keeps their results from before")
    void aLostEndpointIsNotRecorded() throws IOException {
        Course course = TempCourse.copyInto(dir);
        course.progress().record(new ExerciseResult("00.1", ExerciseResult.Status.PASSED, null, Instant.parse("2026-12-01T10:00:00Z"), "cli"));
        URI gone = URI.create("http://127.0.0.1:" + closedPort());
        RunningCourse running = RunningCourse.here(gone, URI.create("http://127.0.0.1:7070"), "embedded");
        running.announce(course);
        try {
            Cli.Result result = Cli.run(course, "check", "00");

            // 00.3 stops at the starter's NotDoneYet before it calls AWS: not done, whatever the endpoint
            assertThat(result.out()).contains("- 00.1", "- 00.2", "✘ 00.3", "- 00.4");
            assertThat(result.out().replaceAll("\\s*\\R\\s*", " ")).containsOnlyOnce("The course's endpoint " + gone
                    + " stopped answering, so this exercise was not checked and its last result is kept: start the course again "
                    + "with ./lab start");
            assertThat(course.progress().read()).containsOnlyKeys("00.1", "00.3");
            assertThat(course.progress().read().get("00.1").passed()).isTrue();
        } finally {
            running.withdraw(course);
        }
    }

    @Test
    @DisplayName("A lab whose pom names a library the lab tool has not got is not blamed on the learner: lab check says which and how to get it")
    void aMissingLibraryIsTheSetups() throws IOException {
        Course course = TempCourse.copyInto(dir);
        copyLab(course, "01-ecr-registry");
        // Jib, lab 01's own library, reaches the lab tool through labkit now: a library only this lab's pom would name
        Path charts = course.root().resolve("labs/01-ecr-registry/src/main/java/dev/ecslabs/ecr/PushCharts.java");
        Files.writeString(charts, "package dev.ecslabs.ecr;\n\nimport org.jfree.chart.JFreeChart;\n\n"
                + "class PushCharts {\n    JFreeChart chart;\n}\n");

        Cli.Result result = Cli.run(course, "check", "01");

        assertThat(result.exitCode()).isEqualTo(1);
        String joined = result.out().replaceAll("\\s*\\R\\s*", " ");
        assertThat(joined).contains("Lab 01 can't be compiled by the lab tool yet")
                .contains("org.jfree.chart")
                .contains("the course's build has not written labs/01-ecr-registry/target/lab-classpath.txt")
                .contains("This is the course's setup, not your code.")
                .contains("install -Dmaven.test.skip=true")
                .doesNotContain("Fix the code above");
    }

    private static void copyLab(Course course, String name) throws IOException {
        Path from = TempCourse.REAL_ROOT.resolve("labs").resolve(name);
        Path to = course.root().resolve("labs").resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Replaces the first {@code throw new NotDoneYet();} after the method's signature, whatever its TODO says. */
    private static void replaceFirstThrowIn(Path file, String signature, String code) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int method = text.indexOf(signature);
        int toss = text.indexOf("throw new NotDoneYet();", method);
        assertThat(method).as("the starter still has " + signature).isNotNegative();
        Files.writeString(file, text.substring(0, toss) + code + text.substring(toss + "throw new NotDoneYet();".length()),
                StandardCharsets.UTF_8);
    }

    private static int lineOf(Path file, String code) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(code)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(code + " is not in " + file);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
