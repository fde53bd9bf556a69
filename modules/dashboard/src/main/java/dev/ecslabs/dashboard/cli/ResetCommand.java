package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.course.StarterCopies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./lab reset NN}: puts a lab's starter code back, keeping the learner's version aside. */
@Command(name = "reset", description = "Put a lab's starter code back (src/main). Your version is kept in .labs/kept/, never deleted.")
public final class ResetCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NN", description = "The lab: 00, 1 or 01-ecr-registry.")
    String lab;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Spec
    CommandSpec spec;

    /** Where the confirmation is read from. */
    InputStream in = System.in;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Course course = Course.current();
        LabFolder folder = course.requireLab(lab);
        Path relative = course.root().relativize(folder.mainSources());
        if (!yes) {
            out.print("This puts the starter code of lab " + folder.id() + " back in " + relative
                    + "; your version is moved to .labs/kept/. Reset? [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                out.println("Nothing changed.");
                return 1;
            }
        }
        Path kept = StarterCopies.reset(course, folder);
        course.progress().forgetLab(folder.id());
        course.hintsShown().forgetLab(folder.id());
        out.println("Lab " + folder.id() + " has its starter code back. Your version is in "
                + course.root().relativize(kept.resolve("src/main")) + ".");
        return 0;
    }
}
