package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.fixtures.AwaitableOutput;
import dev.ecslabs.dashboard.fixtures.Cli;
import dev.ecslabs.dashboard.fixtures.TempCourse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * The watch loop's benchmark (a program, not a test): how long from saving a starter file to the
 * verdict printed by {@code lab watch}, beside {@code ../../mvnw -q test} in the same lab. Run it
 * as docs/performance.md says; it prints the numbers for that page.
 *
 * <p>Watch runs on a copy of the lab (it edits the starter); Maven runs in the course's own lab
 * folder, as a learner would. Both use the in-process emulator.
 */
public final class WatchLoopBenchmark {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private WatchLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int saves = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int mavenRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String lab = args.length > 2 ? args[2] : TempCourse.LAB;
        List<Long> watch = watchLoop(saves);
        List<Long> maven = mavenTest(TempCourse.REAL_ROOT.resolve("labs").resolve(lab), mavenRuns);
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version"));
        System.out.println("lab watch, save -> verdict (" + saves + " saves): " + summary(watch));
        System.out.println("../../mvnw -q test (" + mavenRuns + " runs):     " + summary(maven));
        System.out.printf(Locale.ROOT, "Watch is %.1fx faster (median against median).%n", (double) median(maven) / median(watch));
        // labkit's in-process emulator serves until the JVM ends, as it does under lab watch; end it here
        System.exit(0);
    }

    /** Starts {@code lab watch} on a copy of lab 00, then saves the starter file again and again, timing each verdict. */
    private static List<Long> watchLoop(int saves) throws Exception {
        Path dir = Files.createTempDirectory("watch-benchmark");
        Course course = TempCourse.copyInto(dir);
        AwaitableOutput out = new AwaitableOutput();
        CommandLine commandLine = LabCommand.commandLine().setOut(out.printWriter());
        WatchCommand watchCommand = commandLine.getSubcommands().get("watch").getCommand();
        watchCommand.in = new java.io.ByteArrayInputStream(new byte[0]);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.inCourse(course, () -> commandLine.execute("watch")));
        out.awaitContains(0, "for changes", PATIENCE);
        System.out.println("lab watch is up; its first run (cold JVM, cold javac):");
        System.out.println(out.toString().indent(4));
        Path starter = TempCourse.starter(course);
        List<Long> times = new ArrayList<>();
        for (int save = 1; save <= saves; save++) {
            int mark = out.length();
            long started = System.nanoTime();
            Files.writeString(starter, Files.readString(starter, StandardCharsets.UTF_8) + "// save " + save + "\n",
                    StandardCharsets.UTF_8);
            out.await(mark, text -> text.contains("exercises of lab 00"), PATIENCE, "the verdict after save " + save);
            long millis = (System.nanoTime() - started) / 1_000_000;
            times.add(millis);
            System.out.println("  save " + save + ": verdict after " + millis + " ms");
            out.awaitContains(mark, "for changes", PATIENCE);
        }
        watchCommand.stop();
        exit.get(30, TimeUnit.SECONDS);
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        return times;
    }

    private static List<Long> mavenTest(Path labDir, int runs) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        List<Long> times = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            Process maven = new ProcessBuilder(TempCourse.REAL_ROOT.resolve(windows ? "mvnw.cmd" : "mvnw").toString(), "-q", "test")
                    .directory(labDir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            maven.waitFor();
            long millis = (System.nanoTime() - started) / 1_000_000;
            times.add(millis);
            System.out.println("  mvnw -q test " + run + ": " + millis + " ms (exit " + maven.exitValue() + ")");
        }
        return times;
    }

    private static String summary(List<Long> millis) {
        return String.format(Locale.ROOT, "median %d ms, min %d ms, max %d ms", median(millis),
                millis.stream().mapToLong(Long::longValue).min().orElse(0), millis.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static long median(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
