package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.ExerciseStatus;
import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.run.ProgressBar;
import dev.ecslabs.dashboard.run.Workbench;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./lab progress}: every lab with its exercises and their last results, from the progress file. */
@Command(name = "progress", description = "Show every lab's exercises and how each did when it last ran.")
public final class ProgressCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<LabStatus> labs = new Workbench(Course.current()).status();
        long done = 0;
        long total = 0;
        for (LabStatus lab : labs) {
            done += lab.passed();
            total += lab.total();
            out.println(lab.lab().name() + "  " + ProgressBar.of(lab.passed(), lab.total()) + "  " + lab.passed() + "/"
                    + lab.total() + lab.lastCheck().map(at -> "  last run " + WHEN.format(at)).orElse("  not run yet"));
            lab.exercises().problem().ifPresent(problem -> out.println("    " + problem.lines().findFirst().orElse("")));
            for (ExerciseStatus exercise : lab.statuses()) {
                String mark = switch (exercise.state()) {
                    case PASSED -> "    ✔ ";
                    case FAILED -> "    ✘ ";
                    case NOT_RUN -> "    · ";
                };
                out.println(mark + exercise.exercise().id() + " " + exercise.exercise().title()
                        + exercise.last().map(r -> "  (" + r.runner() + ")").orElse(""));
            }
        }
        out.println("Course  " + ProgressBar.of(done, total) + "  " + done + "/" + total + " exercises");
        labs.stream().filter(l -> !l.complete()).findFirst().ifPresentOrElse(
                next -> out.println("Next: ./lab check " + next.lab().id() + "  (or ./lab watch, which re-runs it on every save)"),
                () -> out.println("Every lab is done. Well done!"));
        return 0;
    }
}
