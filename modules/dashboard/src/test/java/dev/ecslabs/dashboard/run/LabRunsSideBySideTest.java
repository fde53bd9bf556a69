package dev.ecslabs.dashboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.labkit.ExerciseResult;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of different labs in one JVM go at the same time (the course check runs every lab side by
 * side), each with its own labkit settings: what one run sets never reaches the other's tests.
 */
class LabRunsSideBySideTest {
    private static final long PATIENCE_SECONDS = 60;

    @Test
    @DisplayName("Two labs checked at the same time in one JVM each record their results in their own progress file, "
            + "as their own runner")
    void twoRunsAtOnceKeepTheirOwnSettings(@TempDir Path dir) throws Exception {
        Course starter = TempCourse.copyInto(dir.resolve("starter"));
        Course solved = TempCourse.copyInto(dir.resolve("solved"));
        TempCourse.solveAll(solved);
        CountDownLatch solvedRunIsUnderWay = new CountDownLatch(1);
        CountDownLatch starterRunFinished = new CountDownLatch(1);
        AtomicBoolean solvedRunCameDuringTheStarterRun = new AtomicBoolean();
        AtomicBoolean starterRunEndedDuringTheSolvedRun = new AtomicBoolean();

        // The solved lab's run holds after its first exercise until the starter's run has finished; the starter's
        // holds after its first exercise until the solved one is under way: so the starter's other exercises run
        // while the solved run is in the middle of its own.
        CompletableFuture<LabRun> solvedRun = CompletableFuture.supplyAsync(() -> new Workbench(solved).run(
                solved.requireLab("00"), "solved-run", LabTarget.embedded(), afterFirstExercise(() -> {
                    solvedRunIsUnderWay.countDown();
                    starterRunEndedDuringTheSolvedRun.set(await(starterRunFinished));
                })));
        LabRun starterRun = new Workbench(starter).run(starter.requireLab("00"), "starter-run", LabTarget.embedded(),
                afterFirstExercise(() -> solvedRunCameDuringTheStarterRun.set(await(solvedRunIsUnderWay))));
        starterRunFinished.countDown();
        LabRun solvedOne = solvedRun.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(solvedRunCameDuringTheStarterRun).as("the solved lab's run started while the starter's ran").isTrue();
        assertThat(starterRunEndedDuringTheSolvedRun).as("the starter's run ended while the solved lab's ran").isTrue();
        assertThat(starterRun.outcomes()).hasSize(4).allSatisfy(o -> assertThat(o.verdict()).isEqualTo(ExerciseOutcome.Verdict.FAILED));
        assertThat(solvedOne.complete()).as("the solved lab passes: %s", solvedOne.outcomes()).isTrue();
        assertThat(starter.progress().read()).as("the starter's progress file").containsOnlyKeys("00.1", "00.2", "00.3", "00.4").allSatisfy((id, result) -> {
            assertThat(result.status()).isEqualTo(ExerciseResult.Status.FAILED);
            assertThat(result.runner()).isEqualTo("starter-run");
        });
        assertThat(solved.progress().read()).as("the solved lab's progress file").containsOnlyKeys("00.1", "00.2", "00.3", "00.4").allSatisfy((id, result) -> {
            assertThat(result.status()).isEqualTo(ExerciseResult.Status.PASSED);
            assertThat(result.runner()).isEqualTo("solved-run");
        });
    }

    /** A listener that does {@code then} once, when the run's first exercise has finished. */
    private static RunListener afterFirstExercise(Runnable then) {
        AtomicBoolean first = new AtomicBoolean(true);
        return new RunListener() {
            @Override
            public void exerciseFinished(ExerciseOutcome outcome) {
                if (first.getAndSet(false)) {
                    then.run();
                }
            }
        };
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
