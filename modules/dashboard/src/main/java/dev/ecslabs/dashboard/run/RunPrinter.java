package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.HashSet;
import java.util.Set;

/**
 * Prints a lab run as it goes: a line per exercise, then a progress bar and what to do next.
 * {@code lab check}, {@code lab watch} and the dashboard's Check button all print it this way.
 */
public final class RunPrinter implements RunListener {
    private final PrintWriter out;
    private final String target;
    private final Set<String> skipReasonsSaid = new HashSet<>();

    public RunPrinter(PrintWriter out, String target) {
        this.out = out;
        this.target = target;
    }

    @Override
    public void started(LabFolder lab) {
        skipReasonsSaid.clear();
        out.println("Checking lab " + lab.name() + " on " + target + " ...");
        out.flush();
    }

    @Override
    public void compileFailed(LabFolder lab, CompileResult result) {
        if (!result.learnersCode()) {
            out.println("Lab " + lab.id() + " can't be compiled by the lab tool yet:");
            FailureLines.wrap(result.errors(), "  ").forEach(out::println);
            out.flush();
            return;
        }
        out.println("Lab " + lab.id() + " does not compile:");
        result.errors().lines().forEach(line -> out.println("  " + line));
        out.println("Fix the code above; the exercises run once it compiles.");
        out.flush();
    }

    @Override
    public void exerciseFinished(ExerciseOutcome outcome) {
        String mark = switch (outcome.verdict()) {
            case PASSED -> "  ✔ ";
            case FAILED -> "  ✘ ";
            case SKIPPED -> "  - ";
        };
        out.println(mark + outcome.exercise().id() + " " + outcome.exercise().title());
        // one reason for many skipped exercises (no backend, the endpoint gone) is said once a run
        if (outcome.verdict() == ExerciseOutcome.Verdict.SKIPPED && outcome.message() != null
                && !skipReasonsSaid.add(outcome.message())) {
            out.println("      not checked either, for the reason above");
        } else if (!outcome.passed()) {
            FailureLines.wrap(outcome.message(), "      ").forEach(out::println);
        }
        out.flush();
    }

    @Override
    public void finished(LabRun run) {
        if (!run.compile().compiled()) {
            return;
        }
        LabFolder lab = run.lab();
        out.println(ProgressBar.of(run.passed(), run.outcomes().size()) + "  " + run.passed() + "/" + run.outcomes().size()
                + " exercises of lab " + lab.id() + "  (" + seconds(run) + ")");
        run.next().ifPresentOrElse(
                next -> out.println("Next: " + next.exercise().id() + " " + next.exercise().title()
                        + ". Stuck? ./lab hint " + next.exercise().id()),
                () -> out.println(run.outcomes().isEmpty() ? "Lab " + lab.id() + " has no exercises."
                        : "Lab " + lab.id() + " is done. Well done!"));
        out.flush();
    }

    private static String seconds(LabRun run) {
        return String.format(Locale.ROOT, "%.1f s", run.took().toMillis() / 1000.0);
    }
}
