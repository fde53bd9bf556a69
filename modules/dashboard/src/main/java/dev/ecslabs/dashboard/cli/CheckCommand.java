package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.run.LabRun;
import dev.ecslabs.dashboard.run.LabTarget;
import dev.ecslabs.dashboard.run.RunPrinter;
import dev.ecslabs.dashboard.run.Workbench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./lab check [NN]}: compiles one lab and runs its exercises, printing a verdict for each. */
@Command(name = "check", description = "Run one lab's exercises (default: the first lab not done yet) and show how each did. "
        + "Exit code 0 only when the lab is done.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NN", description = "The lab: 00, 1 or 01-ecr-registry.")
    String lab;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Course course = Course.current();
        Workbench workbench = new Workbench(course);
        LabFolder folder = lab == null ? workbench.currentLab() : course.requireLab(lab);
        LabTarget target = LabCommand.target(course);
        LabRun run = workbench.run(folder, "cli", target, new RunPrinter(spec.commandLine().getOut(), target.describe()));
        return run.complete() ? 0 : 1;
    }
}
