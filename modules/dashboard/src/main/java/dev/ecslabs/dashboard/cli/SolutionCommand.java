package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.course.LabStatus;
import dev.ecslabs.dashboard.run.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./lab solution NN}: the reference code of a lab, once the learner's passes every exercise. */
@Command(name = "solution", description = "Show a lab's reference solution: once every exercise of the lab passes, "
        + "or earlier with --force.")
public final class SolutionCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NN", description = "The lab: 00, 1 or 01-ecr-registry.")
    String lab;

    @Option(names = "--force", description = "Show it even though the lab is not done yet.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Course course = Course.current();
        LabFolder folder = course.requireLab(lab);
        LabStatus status = new Workbench(course).status(folder);
        if (!status.complete()) {
            if (!force) {
                spec.commandLine().getErr().println("The solution of lab " + folder.id() + " opens once every exercise passes ("
                        + status.passed() + " of " + status.total() + " do now). "
                        + status.next().map(n -> "Try ./lab hint " + n.exercise().id() + " first, or ").orElse("")
                        + "use ./lab solution " + folder.id() + " --force to see it anyway.");
                return 1;
            }
            out.println("Warning: lab " + folder.id() + " is not done yet (" + status.passed() + "/" + status.total()
                    + "). Reading the answer first skips the part where you learn it; here it is, as you asked.");
        }
        Path sources = course.solution(folder).resolve("src/main");
        if (!Files.isDirectory(sources)) {
            throw new IllegalStateException("Lab " + folder.id() + " has no solution in " + course.root().relativize(sources) + ".");
        }
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            for (Path file : all) {
                out.println("=== " + course.root().relativize(file).toString().replace('\\', '/') + " ===");
                out.println(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return 0;
    }
}
