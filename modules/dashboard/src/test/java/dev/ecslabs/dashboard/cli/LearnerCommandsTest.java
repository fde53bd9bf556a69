package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lab hint}, {@code progress}, {@code reset} and {@code solution} through the real entry point, on a copy of lab 00. */
class LearnerCommandsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("lab hint 00.2 gives the idea first, then which API, then the shape of the call, one level more each time")
    void hintsAreGraduated() {
        Course course = TempCourse.copyInto(dir);

        Cli.Result first = Cli.run(course, "hint", "00.2");
        Cli.Result second = Cli.run(course, "hint", "00.2");
        Cli.Result third = Cli.run(course, "hint", "00.2");
        Cli.Result fourth = Cli.run(course, "hint", "00.2");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("00.2 List the clusters of the account")
                .contains("Hint 1 of 3 · The idea: List actions answer in pages")
                .contains("(./lab hint 00.2 again for hint 2 of 3: which api.)")
                .doesNotContain("Hint 2 of 3", "listClustersPaginator");
        assertThat(second.out()).contains("Hint 1 of 3 · The idea:", "Hint 2 of 3 · Which API: ListClusters, through its paginator")
                .doesNotContain("Hint 3 of 3");
        assertThat(third.out()).contains("Hint 3 of 3 · The shape of the call: Collect ecs.listClustersPaginator().clusterArns()")
                .contains("That is every hint");
        assertThat(fourth.out()).as("asking once more shows them all again").isEqualTo(third.out());
        assertThat(Cli.run(course, "hint", "00.1").out()).as("each exercise has levels of its own")
                .contains("Hint 1 of 3").doesNotContain("Hint 2 of 3");
        assertThat(course.hintsShown().all()).containsEntry("00.2", 3).containsEntry("00.1", 1);
    }

    @Test
    @DisplayName("lab reset forgets which hints of the lab were shown: the learner starts it afresh")
    void resetForgetsTheHints() {
        Course course = TempCourse.copyInto(dir);
        Cli.run(course, "hint", "00.2");
        Cli.run(course, "hint", "00.2");

        Cli.run(course, "reset", "00", "--yes");

        assertThat(course.hintsShown().all()).doesNotContainKey("00.2");
        assertThat(Cli.run(course, "hint", "00.2").out()).contains("Hint 1 of 3").doesNotContain("Hint 2 of 3");
    }

    @Test
    @DisplayName("lab hint of an exercise that does not exist names the lab's exercises")
    void hintOfAnUnknownExercise() {
        Course course = TempCourse.copyInto(dir);

        assertThat(Cli.run(course, "hint", "00.9").err()).contains("Lab 00 has no exercise 00.9. Its exercises are 00.1, 00.2, 00.3, 00.4.");
        assertThat(Cli.run(course, "hint", "two").err()).contains("An exercise id looks like 01.3");
    }

    @Test
    @DisplayName("lab progress shows each exercise as not run, then as the last check left it")
    void progress() {
        Course course = TempCourse.copyInto(dir);
        assertThat(Cli.run(course, "progress").out()).contains("00-getting-started", "0/4", "not run yet", "· 00.1");

        TempCourse.solveExercise1(course);
        Cli.run(course, "check", "00");

        assertThat(Cli.run(course, "progress").out())
                .contains("1/4  last run").contains("✔ 00.1 Build an ECS client").contains("(cli)").contains("✘ 00.2")
                .contains("Course  [#####---------------]  1/4 exercises").contains("Next: ./lab check 00");
    }

    @Test
    @DisplayName("lab reset puts the starter back after a yes, keeps the learner's version aside, and forgets the lab's progress")
    void reset() throws Exception {
        Course course = TempCourse.copyInto(dir);
        Cli.run(course, "progress");
        String starter = Files.readString(TempCourse.starter(course));
        TempCourse.solveExercise1(course);
        String learners = Files.readString(TempCourse.starter(course));
        Cli.run(course, "check", "00");

        Cli.Result result = runWithInput(course, "y\n", "reset", "00");

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readString(TempCourse.starter(course))).isEqualTo(starter);
        assertThat(result.out()).contains("Lab 00 has its starter code back. Your version is in .labs/kept/00-getting-started-");
        Path kept = course.root().resolve(result.out().replaceAll("(?s).*Your version is in (\\S+)\\.\\s*$", "$1"));
        assertThat(Files.readString(kept.resolve("java/dev/ecslabs/gettingstarted/GettingStarted.java"))).isEqualTo(learners);
        assertThat(course.progress().read()).isEmpty();
    }

    @Test
    @DisplayName("lab reset changes nothing unless the learner answers yes")
    void resetNeedsAYes() throws Exception {
        Course course = TempCourse.copyInto(dir);
        Cli.run(course, "progress");
        TempCourse.solveExercise1(course);
        String learners = Files.readString(TempCourse.starter(course));

        Cli.Result result = runWithInput(course, "\n", "reset", "00");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("Reset? [y/N]").contains("Nothing changed.");
        assertThat(Files.readString(TempCourse.starter(course))).isEqualTo(learners);
    }

    @Test
    @DisplayName("lab solution refuses while the lab is not done, shows it with --force and a warning, and freely once done")
    void solution() {
        Course course = TempCourse.copyInto(dir);

        Cli.Result refused = Cli.run(course, "solution", "00");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("opens once every exercise passes (0 of 4 do now)").contains("--force");
        assertThat(refused.out()).doesNotContain("EcsClient.builder()");

        Cli.Result forced = Cli.run(course, "solution", "00", "--force");
        assertThat(forced.out()).startsWith("Warning: lab 00 is not done yet")
                .contains("=== solutions/00-getting-started/src/main/java/dev/ecslabs/gettingstarted/GettingStarted.java ===")
                .contains("EcsClient.builder()");

        TempCourse.solveAll(course);
        assertThat(Cli.run(course, "check", "00").exitCode()).isZero();
        Cli.Result earned = Cli.run(course, "solution", "00");
        assertThat(earned.exitCode()).isZero();
        assertThat(earned.out()).doesNotContain("Warning").contains("EcsClient.builder()");
    }

    private static Cli.Result runWithInput(Course course, String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LabCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        ResetCommand reset = commandLine.getSubcommands().get("reset").getCommand();
        reset.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        int exit = Cli.inCourse(course, () -> commandLine.execute(args));
        return new Cli.Result(exit, out.toString(), err.toString());
    }
}
