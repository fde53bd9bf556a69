package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.labkit.ExerciseResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab check} through the real entry point, on a copy of lab 00. */
class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("lab check 00 on the starter code lists every exercise as not done, records them as the cli's, and exits 1")
    void checkOnTheStarter() {
        Course course = TempCourse.copyInto(dir);

        Cli.Result result = Cli.run(course, "check", "00");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .contains("✘ 00.1", "✘ 00.2", "✘ 00.3", "✘ 00.4")
                .contains("GettingStarted.ecsClient is not done yet")
                .contains("0/4 exercises of lab 00")
                .contains("Next: 00.1").contains("./lab hint 00.1");
        Map<String, ExerciseResult> progress = course.progress().read();
        assertThat(progress).containsOnlyKeys("00.1", "00.2", "00.3", "00.4");
        assertThat(progress.values()).allSatisfy(r -> assertThat(r.runner()).isEqualTo("cli"));
    }

    @Test
    @DisplayName("lab check on the finished lab says it is done and exits 0")
    void checkOnTheSolution() {
        Course course = TempCourse.copyInto(dir);
        TempCourse.solveAll(course);

        Cli.Result result = Cli.run(course, "check");

        assertThat(result.out()).contains("✔ 00.1", "✔ 00.4", "4/4 exercises of lab 00", "Lab 00 is done");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    @DisplayName("With lab start running, lab check runs against its endpoint, in the learner's one account, again and again")
    void checkAgainstTheRunningCourse() {
        Course course = TempCourse.copyInto(dir);
        TempCourse.solveAll(course);
        try (Emulator emulator = Emulator.start(0)) {
            RunningCourse running = RunningCourse.here(emulator.url(), URI.create("http://127.0.0.1:7070"), "embedded");
            running.announce(course);

            Cli.Result first = Cli.run(course, "check", "00");
            Cli.Result second = Cli.run(course, "check", "00");

            assertThat(first.out()).contains("on the course's endpoint " + emulator.url(), "4/4 exercises of lab 00");
            assertThat(second.out()).contains("4/4 exercises of lab 00");
            assertThat(emulator.state().all()).extracting(region -> region.accountId()).containsOnly("000000000000");
            running.withdraw(course);
        }
    }

    @Test
    @DisplayName("lab check on code that does not compile shows javac's error with file and line, and exits 1")
    void checkOnCodeThatDoesNotCompile() throws Exception {
        Course course = TempCourse.copyInto(dir);
        Path starter = TempCourse.starter(course);
        Files.writeString(starter, Files.readString(starter).replace("throw new NotDoneYet();\n    }\n\n    /** Exercise 00.2",
                "return nothing;\n    }\n\n    /** Exercise 00.2"));

        Cli.Result result = Cli.run(course, "check", "0");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("Lab 00 does not compile")
                .contains("src/main/java/dev/ecslabs/gettingstarted/GettingStarted.java:19: cannot find symbol");
    }

    @Test
    @DisplayName("lab check with an unknown lab names the labs there are")
    void checkAnUnknownLab() {
        Course course = TempCourse.copyInto(dir);

        Cli.Result result = Cli.run(course, "check", "42");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("There is no lab '42'").contains("00-getting-started").doesNotContain("Exception");
    }
}
