package dev.ecslabs.dashboard.cli;

import dev.ecslabs.labkit.CourseLayout;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lab}: the learner's command line for the course. */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
        description = "The ECS Labs course: start the emulator, check a lab, see your progress.",
        subcommands = {StartCommand.class, CheckCommand.class})
public final class LabCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and answers its exit code; the entry point tests use. */
    public static int run(String... args) {
        return new CommandLine(new LabCommand()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The course root: {@code labs.courseRoot}, else the nearest folder above the working directory holding labs/ and mvnw. */
    static Path courseRoot() {
        String configured = System.getProperty("labs.courseRoot");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return CourseLayout.findCourseRoot(Path.of("")).orElseThrow(() -> new CommandLine.ParameterException(
                new CommandLine(new LabCommand()), "Run ./lab from the course's folder (the one with labs/ and mvnw in it)."));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ECS Labs " + dev.ecslabs.emulator.Emulator.version()};
        }
    }
}
