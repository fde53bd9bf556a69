package dev.ecslabs.dashboard.cli;

import dev.ecslabs.emulator.EmulatorMain;
import dev.ecslabs.dashboard.classroom.ClassroomCommand;
import dev.ecslabs.dashboard.classroom.kit.OfflineKitCommand;
import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.run.LabTarget;
import dev.ecslabs.emulator.Emulator;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code ./lab}: the learner's command line for the course. */
// INHERIT: every subcommand answers --help and --version too (they said "Unknown option" and exited 2)
@Command(name = "lab", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = LabCommand.Version.class,
        description = "The ECS Labs course: start the emulator and dashboard, check and watch a lab, see your progress.",
        subcommands = {StartCommand.class, CheckCommand.class, WatchCommand.class, HintCommand.class, LogsCommand.class,
                ProgressCommand.class, ResetCommand.class, CleanCommand.class, CleanupCommand.class, SolutionCommand.class,
                ClassroomCommand.class, OfflineKitCommand.class})
public final class LabCommand implements Runnable {

    public static void main(String[] args) {
        EmulatorMain.skipJettysMBeanQuery();
        System.exit(run(args));
    }

    /** Runs the command line and answers its exit code; the entry point tests use. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line as {@link #main} runs it. A mistake of the learner's (a lab that does not
     * exist, an exercise id with a typo) is a sentence on stderr and exit code 2, not a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LabCommand());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                cl.getErr().println(e.getMessage());
                cl.getErr().flush();
                return 2;
            }
            throw e;
        });
        return commandLine;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * Where a run from the command line sends its AWS calls: the backend the learner chose, else the
     * running {@code ./lab start}, else the in-process emulator.
     */
    static LabTarget target(Course course) {
        if (LabTarget.learnerChoseABackend()) {
            return LabTarget.asConfigured();
        }
        return RunningCourse.find(course).map(running -> LabTarget.endpoint(running.endpoint())).orElse(LabTarget.embedded());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ECS Labs " + Emulator.version()};
        }
    }
}
