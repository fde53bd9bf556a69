package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.labkit.BackendUnreachable;
import dev.ecslabs.labkit.FailureReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Turns JUnit's events into exercise outcomes as they happen. An exercise that never ran because
 * its whole test class failed or was skipped (no backend, a failing {@code @BeforeAll}) gets that
 * class's reason, so every exercise of the lab has a verdict.
 */
final class OutcomeCollector implements TestExecutionListener {
    private final LabFolder lab;
    private final List<ExerciseInfo> exercises;
    private final RunListener listener;
    private final Map<ExerciseInfo, ExerciseOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, ExerciseOutcome> classVerdicts = new HashMap<>();

    OutcomeCollector(LabFolder lab, List<ExerciseInfo> exercises, RunListener listener) {
        this.lab = lab;
        this.exercises = exercises;
        this.listener = listener;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, ExerciseOutcome.Verdict.SKIPPED, "skipped: " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(test, ExerciseOutcome.Verdict.PASSED, null);
            case ABORTED -> {
                if (result.getThrowable().orElse(null) instanceof BackendUnreachable unreachable) {
                    // not checked, and labkit recorded nothing: the endpoint went away, not the learner's code
                    record(test, ExerciseOutcome.Verdict.SKIPPED, unreachable.getMessage());
                } else {
                    record(test, ExerciseOutcome.Verdict.FAILED, "aborted: " + report(result));
                }
            }
            case FAILED -> record(test, ExerciseOutcome.Verdict.FAILED, report(result));
        }
    }

    private void record(TestIdentifier test, ExerciseOutcome.Verdict verdict, String message) {
        Optional<TestSource> source = test.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            exercise(method.getClassName(), method.getMethodName()).ifPresent(exercise -> {
                ExerciseOutcome outcome = new ExerciseOutcome(exercise, verdict, message);
                outcomes.put(exercise, outcome);
                listener.exerciseFinished(outcome);
            });
        } else if (source.isPresent() && source.get() instanceof ClassSource type && verdict != ExerciseOutcome.Verdict.PASSED) {
            classVerdicts.put(type.getClassName(), new ExerciseOutcome(null, verdict, message));
        }
    }

    private Optional<ExerciseInfo> exercise(String className, String methodName) {
        return exercises.stream().filter(e -> e.testClass().equals(className) && e.testMethod().equals(methodName)).findFirst();
    }

    /** Every exercise's outcome, in exercise order. */
    List<ExerciseOutcome> outcomes() {
        List<ExerciseOutcome> all = new ArrayList<>();
        for (ExerciseInfo exercise : exercises) {
            ExerciseOutcome outcome = outcomes.get(exercise);
            if (outcome == null) {
                ExerciseOutcome ofClass = classVerdicts.get(exercise.testClass());
                outcome = ofClass != null
                        ? new ExerciseOutcome(exercise, ofClass.verdict(), ofClass.message())
                        : new ExerciseOutcome(exercise, ExerciseOutcome.Verdict.FAILED,
                                "did not run: its test class " + exercise.testClass() + " was not found as a test");
                listener.exerciseFinished(outcome);
            }
            all.add(outcome);
        }
        return all;
    }

    /** The whole failure as the learner reads it: message, expected and actual, root cause, their own line. */
    private String report(TestExecutionResult result) {
        return FailureReport.of(result.getThrowable().orElse(null), lab.dir());
    }
}
