package dev.ecslabs.dashboard.classroom.kit;

import dev.ecslabs.dashboard.course.Course;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab offline-kit --into DIR}: the folder to hand learners on a USB stick, for a room with no network. */
@Command(name = "offline-kit", description = "Prepare a folder for a USB stick with everything a learner needs to run "
        + "the course with no network: the course, the Maven repository its build needs, and the wrapper's Maven.")
public final class OfflineKitCommand implements Callable<Integer> {

    @Option(names = "--into", required = true, paramLabel = "DIR", description = "An empty or new folder for the kit.")
    Path into;

    @Option(names = "--from-repository", paramLabel = "DIR", description = "Take the libraries from this Maven repository "
            + "(for example ~/.m2/repository after ./mvnw verify) instead of downloading them.")
    Path fromRepository;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try {
            new OfflineKit(Course.current().root(), into, Optional.ofNullable(fromRepository), spec.commandLine().getOut())
                    .prepare();
            return 0;
        } catch (IOException e) {
            // a sentence and exit code 2, as the other commands answer a problem the instructor can fix
            throw new IllegalStateException("The offline kit could not be made: " + e.getMessage(), e);
        }
    }
}
