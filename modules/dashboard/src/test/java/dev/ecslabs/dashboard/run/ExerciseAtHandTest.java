package dev.ecslabs.dashboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.labkit.ExerciseId;
import dev.ecslabs.labkit.ExerciseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exercise at hand runs first, alone, and the rest of the lab only once it passes (lab watch, the dashboard's Check). */
class ExerciseAtHandTest {
    private static final Instant EARLIER = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    @DisplayName("the exercise at hand is the first one not passed in the progress file")
    void atHandIsTheFirstNotPassed() {
        Course course = TempCourse.copyInto(dir);
        Workbench workbench = new Workbench(course);
        LabFolder lab = course.requireLab("00");
        assertThat(workbench.exerciseAtHand(lab)).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ExerciseId.parse("00.1")));

        record(course, "00.1", ExerciseResult.Status.PASSED);
        record(course, "00.2", ExerciseResult.Status.FAILED);

        assertThat(workbench.exerciseAtHand(lab)).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ExerciseId.parse("00.2")));
    }

    @Test
    @DisplayName("when the exercise at hand fails, only it runs: the others keep their last results, in the run and in the progress file")
    void aFailingExerciseAtHandRunsAlone() {
        Course course = TempCourse.copyInto(dir);
        record(course, "00.1", ExerciseResult.Status.PASSED);
        record(course, "00.2", ExerciseResult.Status.FAILED);
        List<String> heard = new CopyOnWriteArrayList<>();

        LabRun run = new Workbench(course).runAtHand(course.requireLab("00"), "cli", LabTarget.embedded(), heard(heard));

        assertThat(heard).containsExactly("00.2 FAILED");
        assertThat(run.outcomes()).extracting(o -> o.exercise().id() + " " + o.verdict())
                .containsExactly("00.1 PASSED", "00.2 FAILED", "00.3 SKIPPED", "00.4 SKIPPED");
        assertThat(run.outcomes().get(2).message()).isEqualTo("not run yet: it runs once 00.2 passes");
        assertThat(RestOfLab.waitsFor(new Workbench(course).exerciseAtHand(course.requireLab("00")), run))
                .hasValueSatisfying(line -> assertThat(line).startsWith("Ran 00.2 first"));
        Map<String, ExerciseResult> progress = course.progress().read();
        assertThat(progress).containsOnlyKeys("00.1", "00.2");
        assertThat(progress.get("00.1").runner()).as("untouched").isEqualTo("maven");
        assertThat(progress.get("00.2").runner()).isEqualTo("cli");
    }

    @Test
    @DisplayName("when the exercise at hand passes, it is reported first and the rest of the lab runs after it")
    void aPassingExerciseAtHandIsReportedFirst() {
        Course course = TempCourse.copyInto(dir);
        TempCourse.solveAll(course);
        record(course, "00.1", ExerciseResult.Status.PASSED);
        record(course, "00.2", ExerciseResult.Status.FAILED);
        List<String> heard = new CopyOnWriteArrayList<>();

        LabRun run = new Workbench(course).runAtHand(course.requireLab("00"), "cli", LabTarget.embedded(), heard(heard));

        assertThat(heard).containsExactly("00.2 PASSED", "00.1 PASSED", "00.3 PASSED", "00.4 PASSED");
        assertThat(run.outcomes()).extracting(o -> o.exercise().id().toString()).containsExactly("00.1", "00.2", "00.3", "00.4");
        assertThat(run.complete()).isTrue();
        assertThat(course.progress().read().values()).hasSize(4).allSatisfy(r -> assertThat(r.runner()).isEqualTo("cli"));
    }

    @Test
    @DisplayName("with every exercise passed, there is none at hand and the whole lab runs")
    void aDoneLabRunsWhole() {
        Course course = TempCourse.copyInto(dir);
        TempCourse.solveAll(course);
        for (String id : List.of("00.1", "00.2", "00.3", "00.4")) {
            record(course, id, ExerciseResult.Status.PASSED);
        }
        List<String> heard = new CopyOnWriteArrayList<>();

        LabRun run = new Workbench(course).runAtHand(course.requireLab("00"), "cli", LabTarget.embedded(), heard(heard));

        assertThat(heard).containsExactly("00.1 PASSED", "00.2 PASSED", "00.3 PASSED", "00.4 PASSED");
        assertThat(run.complete()).isTrue();
    }

    @Test
    @DisplayName("the exercise whose code the learner changed is at hand, ahead of the first not passed, until it passes")
    void theEditedExerciseIsAtHand() throws IOException {
        Course course = TempCourse.copyInto(dir);
        Workbench workbench = new Workbench(course);
        LabFolder lab = course.requireLab("00");
        assertThat(workbench.exerciseAtHand(lab)).as("the first look only takes note of the code")
                .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ExerciseId.parse("00.1")));

        edit(lab, "// TODO: delete the cluster and return the cluster ECS answers", "// a comment is not code");
        assertThat(workbench.exerciseAtHand(lab)).as("a comment changed, no code")
                .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ExerciseId.parse("00.1")));

        edit(lab, "// a comment is not code\n        throw new NotDoneYet();", "return null;");
        assertThat(workbench.exerciseAtHand(lab)).as("deleteCluster changed: 00.4 calls it")
                .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ExerciseId.parse("00.4")));
        assertThat(workbench.exerciseAtHand(lab)).as("no change since, and 00.4 has not passed")
                .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ExerciseId.parse("00.4")));

        List<String> heard = new CopyOnWriteArrayList<>();
        workbench.runAtHand(lab, workbench.exerciseAtHand(lab), "cli", LabTarget.embedded(), heard(heard));
        assertThat(heard).as("the edited exercise runs first, alone, as it fails").containsExactly("00.4 FAILED");

        record(course, "00.4", ExerciseResult.Status.PASSED);
        assertThat(workbench.exerciseAtHand(lab)).as("once it passes, back to the first not passed")
                .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(ExerciseId.parse("00.1")));
    }

    private static void edit(LabFolder lab, String from, String to) throws IOException {
        Path file = lab.mainSources().resolve("java/dev/ecslabs/gettingstarted/GettingStarted.java");
        String code = Files.readString(file);
        assertThat(code).contains(from);
        Files.writeString(file, code.replace(from, to));
    }

    private static RunListener heard(List<String> heard) {
        return new RunListener() {
            @Override
            public void exerciseFinished(ExerciseOutcome outcome) {
                heard.add(outcome.exercise().id() + " " + outcome.verdict());
            }
        };
    }

    private static void record(Course course, String exercise, ExerciseResult.Status status) {
        course.progress().record(new ExerciseResult(exercise, status, status == ExerciseResult.Status.PASSED ? null : "not done yet",
                EARLIER, "maven"));
    }
}
