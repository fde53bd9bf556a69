package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What one run of a lab found: javac's errors if it did not compile, else every exercise's outcome, in order. */
public record LabRun(LabFolder lab, CompileResult compile, List<ExerciseOutcome> outcomes, Duration took) {

    public long passed() {
        return outcomes.stream().filter(ExerciseOutcome::passed).count();
    }

    /** Done: it compiled, it has exercises, and every one passed. */
    public boolean complete() {
        return compile.compiled() && !outcomes.isEmpty() && passed() == outcomes.size();
    }

    /** The first exercise that did not pass, the one to work on next. */
    public Optional<ExerciseOutcome> next() {
        return outcomes.stream().filter(o -> !o.passed()).findFirst();
    }
}
