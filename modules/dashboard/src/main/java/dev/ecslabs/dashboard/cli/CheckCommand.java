package dev.ecslabs.dashboard.cli;

import dev.ecslabs.labkit.ExerciseResult;
import dev.ecslabs.labkit.LabSettings;
import dev.ecslabs.labkit.ProgressFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lab check [NN]}: runs one lab's exercises and prints a verdict per exercise and a
 * progress bar; exits 0 only when the whole lab passes.
 */
@Command(name = "check", description = "Run a lab's exercises (default: the first unfinished lab) and show what passes.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "The lab to check, e.g. 00 or 01-ecr-registry.")
    String lab;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = LabCommand.courseRoot();
        Path progressPath = LabSettings.progressFile().map(Path::of).orElse(root.resolve(".labs").resolve("progress.json"));
        ProgressFile progress = new ProgressFile(progressPath);
        CourseLabs.LabFolder folder = lab == null ? firstUnfinished(root, progress) : CourseLabs.find(root, lab)
                .orElseThrow(() -> new IllegalArgumentException("There is no lab '" + lab + "'. The labs are: "
                        + String.join(", ", CourseLabs.list(root).stream().map(CourseLabs.LabFolder::name).toList())));
        out.println("Checking lab " + folder.name() + " ...");
        out.flush();
        Instant started = Instant.now();
        MavenRun run = MavenRun.test(root, folder.dir(), progressPath);
        List<ExerciseResult> results = new ArrayList<>();
        for (Map.Entry<String, ExerciseResult> entry : progress.read().entrySet()) {
            if (entry.getKey().startsWith(folder.id() + ".") && !entry.getValue().at().isBefore(started)) {
                results.add(entry.getValue());
            }
        }
        if (results.isEmpty()) {
            out.println("The lab did not run: it may not compile. Maven said:");
            out.println(run.tail(40));
            return 1;
        }
        results.sort(Comparator.comparing(r -> dev.ecslabs.labkit.ExerciseId.parse(r.exercise())));
        long passed = results.stream().filter(ExerciseResult::passed).count();
        for (ExerciseResult result : results) {
            out.println((result.passed() ? "  ✔ " : "  ✘ ") + result.exercise()
                    + (result.passed() ? "" : "  " + firstLine(result.message())));
        }
        out.println(bar(passed, results.size()) + "  " + passed + "/" + results.size() + " exercises of lab " + folder.id());
        if (passed < results.size()) {
            String next = results.stream().filter(r -> !r.passed()).findFirst().orElseThrow().exercise();
            out.println("Next: " + next + ". Stuck? ./lab hint " + next);
        } else {
            out.println("Lab " + folder.id() + " is done. Well done!");
        }
        return passed == results.size() ? 0 : 1;
    }

    private static CourseLabs.LabFolder firstUnfinished(Path root, ProgressFile progress) {
        Map<String, ExerciseResult> all = progress.read();
        List<CourseLabs.LabFolder> labs = CourseLabs.list(root);
        for (CourseLabs.LabFolder folder : labs) {
            List<ExerciseResult> ofLab = all.values().stream().filter(r -> r.exercise().startsWith(folder.id() + ".")).toList();
            if (ofLab.isEmpty() || ofLab.stream().anyMatch(r -> !r.passed())) {
                return folder;
            }
        }
        return labs.get(labs.size() - 1);
    }

    static String bar(long done, long total) {
        int width = 20;
        int filled = total == 0 ? 0 : (int) (width * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /** A Maven run of one lab's tests, as the learner would start it inside the lab's folder. */
    record MavenRun(int exitCode, String output) {
        static MavenRun test(Path root, Path labDir, Path progressFile) throws IOException, InterruptedException {
            boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
            Path wrapper = root.resolve(windows ? "mvnw.cmd" : "mvnw");
            ProcessBuilder builder = new ProcessBuilder(wrapper.toString(), "-q", "-B", "test")
                    .directory(labDir.toFile()).redirectErrorStream(true);
            builder.environment().put("LABS_RUNNER", "cli");
            builder.environment().put("LABS_PROGRESS_FILE", progressFile.toAbsolutePath().toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new MavenRun(process.waitFor(), output);
        }

        String tail(int lines) {
            String[] all = output.split("\\R");
            return String.join(System.lineSeparator(), List.of(all).subList(Math.max(0, all.length - lines), all.length));
        }
    }
}
