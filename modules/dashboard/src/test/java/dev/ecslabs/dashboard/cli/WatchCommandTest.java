package dev.ecslabs.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.AwaitableOutput;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lab watch} through the real entry point: it re-runs the lab when a starter file is saved. */
class WatchCommandTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @DisplayName("lab watch runs the lab, then runs it again when a starter file is saved, and stops on q")
    void rerunsOnSave() throws Exception {
        assertWatchPicksUpASave(false);
    }

    @Test
    @DisplayName("lab watch --poll sees a save without file events")
    void rerunsOnSaveByPolling() throws Exception {
        assertWatchPicksUpASave(true);
    }

    private void assertWatchPicksUpASave(boolean poll) throws Exception {
        Course course = TempCourse.copyInto(dir);
        AwaitableOutput out = new AwaitableOutput();
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter());
        WatchCommand watch = commandLine.getSubcommands().get("watch").getCommand();
        watch.in = new ByteArrayInputStream(new byte[0]);
        String[] args = poll ? new String[] {"watch", "--poll", "--poll-interval", "100"} : new String[] {"watch"};
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.inCourse(course, () -> commandLine.execute(args)));
        try {
            String first = out.awaitContains(0, "for changes", PATIENCE);
            assertThat(first).contains("✘ 00.1", "0/4 exercises of lab 00").contains(poll ? "(polling)" : "for changes");

            int mark = out.length();
            TempCourse.solveExercise1(course);

            String second = out.awaitContains(mark, "for changes", PATIENCE);
            assertThat(second).contains("✔ 00.1", "1/4 exercises of lab 00", "Next: 00.2");
        } finally {
            watch.stop();
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    @DisplayName("lab watch shows the next level of the hint of the exercise to do each time the learner types h")
    void showsTheHintOnH() throws Exception {
        Course course = TempCourse.copyInto(dir);
        AwaitableOutput out = new AwaitableOutput();
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter());
        WatchCommand watch = commandLine.getSubcommands().get("watch").getCommand();
        java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
        watch.in = new java.io.PipedInputStream(keyboard);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.inCourse(course, () -> commandLine.execute("watch")));
        try {
            out.awaitContains(0, "for changes", PATIENCE);
            keyboard.write("h\n".getBytes());
            keyboard.flush();

            assertThat(out.awaitContains(0, "00.1 · Hint 1 of 3", PATIENCE))
                    .contains("00.1 · Hint 1 of 3 · The idea: Every AWS service has a client in the SDK")
                    .contains("(h again for hint 2 of 3: which api.)");
            keyboard.write("h\n".getBytes());
            keyboard.flush();
            assertThat(out.awaitContains(0, "00.1 · Hint 2 of 3", PATIENCE)).contains("Which API: EcsClient.builder()");
            keyboard.write("q\n".getBytes());
            keyboard.flush();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            watch.stop();
            keyboard.close();
        }
    }
}
