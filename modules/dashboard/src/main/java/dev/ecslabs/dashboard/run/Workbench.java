package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.ExerciseStatus;
import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabExercises;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.labkit.ExerciseId;
import dev.ecslabs.labkit.ExerciseResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The course's labs as the tools work with them: their exercises (read from the compiled tests),
 * where the learner stands in each (from the progress file), and runs of a lab in this JVM. The
 * command line and the dashboard share one, so javac and JUnit stay warm between runs.
 */
public final class Workbench {
    private final Course course;
    private final LabCompiler compiler = new LabCompiler();
    private final ExerciseCatalog catalog = new ExerciseCatalog(compiler);
    private final LabRunner runner = new LabRunner(compiler);
    private final EditedExercise edits = new EditedExercise();

    public Workbench(Course course) {
        this.course = course;
    }

    public Course course() {
        return course;
    }

    public LabExercises exercises(LabFolder lab) {
        return catalog.of(lab);
    }

    public LabStatus status(LabFolder lab) {
        return LabStatus.of(exercises(lab), course.progress().read());
    }

    /** Every lab, in order, with where the learner stands in it. */
    public List<LabStatus> status() {
        Map<String, ExerciseResult> results = course.progress().read();
        return course.labs().stream().map(lab -> LabStatus.of(exercises(lab), results)).toList();
    }

    /** The first lab not done yet, or the last lab when all are done. */
    public LabFolder currentLab() {
        List<LabStatus> all = status();
        return all.stream().filter(s -> !s.complete()).findFirst().or(() -> all.stream().reduce((a, b) -> b))
                .map(LabStatus::lab)
                .orElseThrow(() -> new IllegalStateException("The course has no labs in " + course.root().resolve("labs")));
    }

    /** The exercise {@code 01.3} names, with its title and hint. */
    public Optional<ExerciseInfo> exercise(ExerciseId id) {
        return course.lab(id.lab()).flatMap(lab -> exercises(lab).exercise(id));
    }

    /**
     * The exercise the learner is at in a lab: the one their latest edit of the starter code is about
     * (the first exercise whose test calls a method they changed since the previous look), while it
     * has not passed or just changed; else the first not passed yet; empty when every exercise has
     * passed (then the whole lab is what to check). Each call is a look: it takes note of the code.
     */
    public Optional<ExerciseInfo> exerciseAtHand(LabFolder lab) {
        LabStatus status = status(lab);
        Set<ExerciseInfo> passed = status.statuses().stream().filter(s -> s.state() == ExerciseStatus.State.PASSED)
                .map(ExerciseStatus::exercise).collect(Collectors.toSet());
        return edits.look(status.exercises(), passed).or(() -> status.next().map(ExerciseStatus::exercise));
    }

    /**
     * Runs the exercise at hand first and reports it at once, then, only if it passed, the rest of
     * the lab: what {@code lab watch} and the dashboard's Check do, so that a learner hears about
     * the exercise they work on in seconds. With no exercise at hand, the whole lab.
     */
    public LabRun runAtHand(LabFolder lab, String runner, LabTarget target, RunListener listener) {
        return runAtHand(lab, exerciseAtHand(lab), runner, target, listener);
    }

    /** As above, with the exercise at hand already looked up ({@link #exerciseAtHand}). */
    public LabRun runAtHand(LabFolder lab, Optional<ExerciseInfo> atHand, String runner, LabTarget target, RunListener listener) {
        if (atHand.isEmpty()) {
            return run(lab, runner, target, listener);
        }
        Map<String, ExerciseResult> results = course.progress().read();
        RunPlan plan = RunPlan.first(atHand.get().id(), exercise -> lastKnown(exercise, results.get(exercise.id().toString()),
                atHand.get()));
        return this.runner.run(lab, new RunSettings(runner, course.progress().path(), target), listener, plan);
    }

    /** An exercise not run because the one at hand failed: its last result, which the progress file keeps. */
    private static ExerciseOutcome lastKnown(ExerciseInfo exercise, ExerciseResult last, ExerciseInfo atHand) {
        if (last == null) {
            return new ExerciseOutcome(exercise, ExerciseOutcome.Verdict.SKIPPED, "not run yet: it runs once "
                    + atHand.id() + " passes");
        }
        return new ExerciseOutcome(exercise, last.passed() ? ExerciseOutcome.Verdict.PASSED : ExerciseOutcome.Verdict.FAILED,
                last.message());
    }

    /** Compiles and runs a lab here; labkit writes each result to the progress file as {@code runner}. */
    public LabRun run(LabFolder lab, String runner, LabTarget target, RunListener listener) {
        return this.runner.run(lab, new RunSettings(runner, course.progress().path(), target), listener);
    }
}
