package dev.ecslabs.dashboard.classroom;

import dev.ecslabs.dashboard.classroom.member.ClassroomMember;
import dev.ecslabs.dashboard.classroom.room.CourseOutline;
import dev.ecslabs.labkit.ExerciseResult;
import dev.ecslabs.labkit.ProgressFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A learner for the load and restart tests: their own progress file, written as a test runner
 * writes it, and the real {@link ClassroomMember} that {@code lab start --join} runs, reading that
 * file and sending to the classroom.
 */
public final class SimulatedLearner implements AutoCloseable {
    /** Fast enough for tests, slow enough for fifty of them on two cores. */
    public static final ClassroomMember.Timings TIMINGS =
            new ClassroomMember.Timings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(500));

    public final String name;
    public final ProgressFile progress;
    public final StringWriter printed = new StringWriter();
    private final Path dir;
    private final URI classroom;
    private final String code;
    private final ClassroomMember.Timings timings;
    private ClassroomMember member;

    public SimulatedLearner(Path dir, String name, URI classroom, String code) {
        this(dir, name, classroom, code, TIMINGS);
    }

    public SimulatedLearner(Path dir, String name, URI classroom, String code, ClassroomMember.Timings timings) {
        this.timings = timings;
        this.dir = dir;
        this.name = name;
        this.classroom = classroom;
        this.code = code;
        this.progress = new ProgressFile(dir.resolve("progress.json"));
        this.member = start();
    }

    private ClassroomMember start() {
        return ClassroomMember.start(progress, dir.resolve("classroom-membership.json"), classroom, LearnerName.of(name), code,
                new PrintWriter(printed, true), timings);
    }

    /** What the learner's grid row should show when they stop: passed up to {@code stopAt}, which failed, the rest not run. */
    public record Plan(int stopAt, List<String> order) {
        public String expected(String exercise) {
            int index = order.indexOf(exercise);
            if (index < stopAt) {
                return "PASSED";
            }
            return index == stopAt ? "FAILED" : "NOT_RUN";
        }
    }

    /** Plans a course run: every exercise in order, or stopping at a failing one. */
    public static Plan plan(CourseOutline course, int stopAt) {
        List<String> order = new ArrayList<>();
        course.labs().forEach(lab -> lab.exercises().forEach(e -> order.add(e.id())));
        return new Plan(Math.min(stopAt, order.size()), order);
    }

    /** Works through the exercises from {@code from} (inclusive) to {@code to} (exclusive) of the plan: fails some first, then passes. */
    public void work(Plan plan, int from, int to, Random random) {
        // the learner stops at their failing exercise, however long they go on working
        for (int i = from; i < Math.min(to, Math.min(plan.stopAt() + 1, plan.order().size())); i++) {
            String exercise = plan.order().get(i);
            for (int attempt = random.nextInt(3); attempt > 0; attempt--) {
                record(exercise, ExerciseResult.Status.FAILED);
            }
            record(exercise, i < plan.stopAt() ? ExerciseResult.Status.PASSED : ExerciseResult.Status.FAILED);
        }
    }

    public void record(String exercise, ExerciseResult.Status status) {
        progress.record(new ExerciseResult(exercise, status, status == ExerciseResult.Status.FAILED ? "not yet" : null,
                Instant.now(), "maven"));
    }

    public ClassroomMember member() {
        return member;
    }

    /** Stops the learner's tool (as closing the laptop does) and starts it again. */
    public void restartTool() {
        member.close();
        member = start();
    }

    @Override
    public void close() {
        member.close();
    }
}
