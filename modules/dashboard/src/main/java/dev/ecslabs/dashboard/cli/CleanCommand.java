package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.RunningCourse;
import dev.ecslabs.dashboard.resources.BackendConnection;
import dev.ecslabs.dashboard.resources.ResourcesView;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.LabSettings;
import dev.ecslabs.labkit.cleanup.CleanupReport;
import dev.ecslabs.labkit.cleanup.ResourceSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code ./lab clean}: empties the learner's account on the course's backend (clusters with their
 * services and tasks, task definitions, repositories with their images, Cloud Map) after saying
 * what it holds and asking. It cleans the running {@code ./lab start}'s endpoint, or the endpoint the
 * learner configured; with neither, the emulator's saved state in {@code .labs/emulator}, which
 * it opens for the purpose.
 */
@Command(name = "clean", description = "Delete everything in your account on the course's backend (after saying what, and asking).")
public final class CleanCommand implements Callable<Integer> {

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Spec
    CommandSpec spec;

    /** Where the confirmation is read from. */
    InputStream in = System.in;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Course course = Course.current();
        Optional<URI> endpoint = RunningCourse.find(course).map(RunningCourse::endpoint)
                .or(() -> LabSettings.backendKind() == Backend.Kind.ENDPOINT ? LabSettings.endpoint().map(URI::create)
                        : Optional.empty());
        if (endpoint.isPresent()) {
            try (ResourcesView view = new ResourcesView(BackendConnection.learnerAccount("the course's endpoint", endpoint.get()))) {
                return clean(out, view);
            }
        }
        // No emulator runs: open the one ./lab start keeps its state in, on any free port, just for this.
        try (CourseBackend saved = CourseBackend.emulator("127.0.0.1", 0, -1, course.emulatorData());
             ResourcesView view = new ResourcesView(saved.connection())) {
            return clean(out, view);
        }
    }

    private int clean(PrintWriter out, ResourcesView view) throws IOException {
        String where = view.backend().describe();
        ResourceSet everything;
        try {
            everything = view.inventory();
        } catch (SdkException e) {
            throw new IllegalStateException("The backend (" + where + ") did not say what your account holds, so nothing was "
                    + "deleted: " + e.getMessage());
        }
        if (everything.isEmpty()) {
            out.println("Your account holds nothing (" + where + "): nothing to delete.");
            out.flush();
            return 0;
        }
        if (!yes) {
            out.print("This deletes everything in " + where + ": " + everything.describe() + ". Delete all of it? [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                out.println("Nothing deleted.");
                out.flush();
                return 1;
            }
        }
        CleanupReport report = view.empty();
        out.println(report.describe());
        out.flush();
        return report.complete() ? 0 : 1;
    }
}
