package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import dev.ecslabs.labkit.ExerciseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The feedback-time benchmark (a program, not a test): for each lab with its solution in place,
 * (1) {@code ./lab check NN} in a fresh JVM, the whole lab, and (2) in one warm JVM, as under
 * {@code lab watch}, the time from the start of a run to the verdict of each exercise when it is
 * the exercise at hand. {@code before} plays the embedded emulator's clock x20 without jumps and
 * runs the whole lab in order (the tools as they were); {@code after} uses the jumping clock and
 * runs the exercise at hand first. {@code lab-start} and {@code lab-start-without-jumps} time the
 * dashboard's Check under {@code ./lab start}: a warm run of each whole lab against the course's
 * emulator at x20, whose clock jumps while a check asks it to (or, without jumps, never).
 * Run it as docs/performance.md says.
 */
public final class FeedbackBenchmark {
    private FeedbackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].startsWith("lab-start")) {
            underLabStart(!args[0].endsWith("without-jumps"), List.of(args).subList(1, args.length));
            return;
        }
        boolean after = "after".equals(args[0]);
        Path jar = TempCourse.REAL_ROOT.resolve("modules/dashboard/target/ecs-labs-lab.jar");
        Course course = solvedCopy(Files.createTempDirectory("feedback-benchmark"));
        System.setProperty("labs.jumpingClock", String.valueOf(after));
        List<String> labs = args.length > 1 ? List.of(args).subList(1, args.length)
                : course.labs().stream().map(l -> l.id()).toList();
        Workbench workbench = new Workbench(course);
        System.out.println("| lab | `./lab check NN`, whole lab | exercise at hand, save → verdict (slowest exercise) | each exercise |");
        System.out.println("|---|---|---|---|");
        for (String id : labs) {
            LabFolder lab = course.requireLab(id);
            double whole;
            try {
                whole = labCheck(jar, course, id, after);
            } catch (IllegalStateException e) {
                System.out.println("| " + id + " | " + e.getMessage() + " | | |");
                continue;
            }
            workbench.run(lab, "benchmark", LabTarget.embedded(), RunListener.NONE); // warm, as a watch after its first run
            Map<String, Double> atHand = after ? atHandFirst(workbench, course, lab) : inWholeLabOrder(workbench, course, lab);
            Map.Entry<String, Double> slowest = atHand.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            StringBuilder each = new StringBuilder();
            atHand.forEach((exercise, seconds) -> each.append(String.format(Locale.ROOT, "%s %.1f · ", exercise, seconds)));
            System.out.printf(Locale.ROOT, "| %s | %.1f s | %.1f s (%s) | %s |%n", id, whole, slowest.getValue(), slowest.getKey(),
                    each.substring(0, Math.max(0, each.length() - 3)));
        }
        System.exit(0); // labkit's in-process emulator serves until the JVM ends
    }

    /** The dashboard's Check under ./lab start: each whole lab, warm, against the course's emulator at x20. */
    private static void underLabStart(boolean jumps, List<String> labIds) throws Exception {
        Course course = solvedCopy(Files.createTempDirectory("feedback-benchmark"));
        try (dev.ecslabs.emulator.Emulator emulator = dev.ecslabs.emulator.Emulator.builder().port(0).dnsPort(0).jumpsOnRequest(jumps).start()) {
            LabTarget target = LabTarget.endpoint(emulator.url());
            Workbench workbench = new Workbench(course);
            System.out.println("| lab | Check under ./lab start, whole lab, warm (" + (jumps ? "clock jumps while it runs" : "x20, no jumps") + ") |");
            System.out.println("|---|---|");
            for (String id : labIds.isEmpty() ? course.labs().stream().map(LabFolder::id).toList() : labIds) {
                LabFolder lab = course.requireLab(id);
                workbench.run(lab, "benchmark", target, RunListener.NONE); // warm, as a dashboard after its first Check
                long start = System.nanoTime();
                LabRun run = workbench.run(lab, "benchmark", target, RunListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "| %s | %.1f s%s |%n", id, seconds, run.complete() ? "" : " (did not pass: " + run.next() + ")");
            }
        }
        System.exit(0);
    }

    /**
     * {@code ./lab check NN} on the solved copy, from a fresh progress file: its wall time in seconds.
     * The JVM runs as the {@code lab} script runs it: its short-run flags, and the tool's class-data
     * archive, made by a first check as the script makes it (the {@code before} mode: neither).
     */
    private static double labCheck(Path jar, Course course, String lab, boolean after) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (after) {
            command.addAll(SHORT_RUN_FLAGS);
            if (!Files.isRegularFile(ARCHIVE)) {
                run(command, List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE), jar, course, lab);
            }
            command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        }
        Files.deleteIfExists(course.progress().path());
        long start = System.nanoTime();
        int exit = run(command, List.of("-Dlabs.jumpingClock=" + after), jar, course, lab);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("lab check " + lab + " did not pass on the solution (exit " + exit + ")");
        }
        return seconds;
    }

    private static final Path ARCHIVE = Path.of(System.getProperty("java.io.tmpdir"), "feedback-benchmark-" + ProcessHandle.current().pid() + ".jsa");
    private static final List<String> SHORT_RUN_FLAGS = shortRunFlags();

    /** The {@code short_run_flags} of the {@code lab} script, and its switch that keeps the JVM's CDS notes quiet. */
    private static List<String> shortRunFlags() {
        try {
            String script = Files.readString(TempCourse.REAL_ROOT.resolve("lab"));
            java.util.regex.Matcher flags = java.util.regex.Pattern.compile("short_run_flags=\"([^\"]*)\"").matcher(script);
            if (!flags.find()) {
                throw new IllegalStateException("The lab script sets no short_run_flags");
            }
            List<String> all = new ArrayList<>(List.of(flags.group(1).trim().split("\\s+")));
            all.add("-Xlog:cds*=off");
            return all;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int run(List<String> java, List<String> more, Path jar, Course course, String lab) throws Exception {
        List<String> command = new ArrayList<>(java);
        command.addAll(more);
        command.addAll(List.of("-Dlabs.courseRoot=" + course.root(), "-jar", jar.toString(), "check", lab));
        Files.deleteIfExists(course.progress().path());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** The tools as they were: every save runs the whole lab in order; an exercise's verdict comes when its turn does. */
    private static Map<String, Double> inWholeLabOrder(Workbench workbench, Course course, LabFolder lab) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        workbench.run(lab, "benchmark", LabTarget.embedded(), new RunListener() {
            @Override
            public void exerciseFinished(ExerciseOutcome outcome) {
                seconds.put(outcome.exercise().id().toString(), (System.nanoTime() - start) / 1e9);
            }
        });
        return seconds;
    }

    /** Each exercise in turn as the one at hand (those before it passed): the time until its own verdict. */
    private static Map<String, Double> atHandFirst(Workbench workbench, Course course, LabFolder lab) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<ExerciseInfo> exercises = workbench.exercises(lab).exercises();
        for (ExerciseInfo exercise : exercises) {
            Files.deleteIfExists(course.progress().path());
            for (ExerciseInfo before : exercises.subList(0, exercises.indexOf(exercise))) {
                course.progress().record(new ExerciseResult(before.id().toString(), ExerciseResult.Status.PASSED, null,
                        Instant.now(), "benchmark"));
            }
            long start = System.nanoTime();
            double[] verdict = new double[1];
            LabRun run = workbench.runAtHand(lab, "benchmark", LabTarget.embedded(), new RunListener() {
                @Override
                public void exerciseFinished(ExerciseOutcome outcome) {
                    if (outcome.exercise().equals(exercise)) {
                        verdict[0] = (System.nanoTime() - start) / 1e9;
                    }
                }
            });
            if (!run.complete()) {
                throw new IllegalStateException("The solution of lab " + lab.id() + " did not pass: " + run.next());
            }
            seconds.put(exercise.id().toString(), verdict[0]);
        }
        return seconds;
    }

    /** A copy of the course's labs with each solution's code in place of the starter. */
    private static Course solvedCopy(Path dir) throws IOException {
        Path real = TempCourse.REAL_ROOT;
        copy(real.resolve("labs"), dir.resolve("labs"));
        Files.copy(real.resolve("mvnw"), dir.resolve("mvnw"));
        try (Stream<Path> solutions = Files.list(real.resolve("solutions"))) {
            for (Path solution : solutions.filter(p -> Files.isDirectory(p.resolve("src/main"))).toList()) {
                Path main = dir.resolve("labs").resolve(solution.getFileName().toString()).resolve("src/main");
                // a solution holds only the files a learner changes: laid over the lab's, as the build does
                copy(solution.resolve("src/main"), main);
            }
        }
        return new Course(dir);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                // a lab's build output stays behind, but for the class path its build resolved, which the lab tool reads
                boolean labClassPath = relative.endsWith("target/lab-classpath.txt");
                if (!labClassPath
                        && Stream.iterate(relative, p -> p.getParent() != null, Path::getParent).anyMatch(p -> p.endsWith("target"))) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
