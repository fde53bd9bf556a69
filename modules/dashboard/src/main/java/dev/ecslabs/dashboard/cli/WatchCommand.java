package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.HintText;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.run.LabRun;
import dev.ecslabs.dashboard.run.LabTarget;
import dev.ecslabs.dashboard.run.RestOfLab;
import dev.ecslabs.dashboard.run.RunPrinter;
import dev.ecslabs.dashboard.run.SourceWatcher;
import dev.ecslabs.dashboard.run.Workbench;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lab watch}: runs the current lab's exercises on every save, in this warm JVM, and
 * moves on to the next lab when one is done. The exercise at hand runs first and alone; the rest
 * of the lab only once it passes. Type {@code h} and Enter for the hint of the
 * exercise to do, {@code q} and Enter (or Ctrl-C) to stop.
 */
@Command(name = "watch", description = "Re-run the current lab's exercises every time you save a file, "
        + "and move on to the next lab when one is done. h+Enter shows the hint, q+Enter quits.")
public final class WatchCommand implements Callable<Integer> {
    /** Editors save in bursts (a temporary file, a rename); one run after the burst is enough. */
    private static final long SETTLE_MILLIS = 60;

    @Parameters(arity = "0..1", paramLabel = "NN", description = "The lab to start with (default: the first not done yet).")
    String lab;

    @Option(names = "--poll", description = "Look for changes by polling only, where file events are unreliable "
            + "(WSL on a Windows drive, network drives).")
    boolean pollOnly;

    @Option(names = "--poll-interval", paramLabel = "MILLIS", description = "How often to poll (default: ${DEFAULT-VALUE} ms).")
    long pollMillis = 500;

    @Spec
    CommandSpec spec;

    /** Where h and q are read from. */
    InputStream in = System.in;

    private enum Signal { CHANGED, HINT, QUIT }

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

    /** Stops a running watch (tests use it; a learner types q or presses Ctrl-C). */
    void stop() {
        signals.add(Signal.QUIT);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Course course = Course.current();
        Workbench workbench = new Workbench(course);
        LabTarget target = LabCommand.target(course);
        List<LabFolder> labs = course.labs();
        LabFolder current = lab == null ? workbench.currentLab() : course.requireLab(lab);
        readKeys();
        while (true) {
            LabRun run;
            try (SourceWatcher watcher = new SourceWatcher(current.dir().resolve("src"), !pollOnly,
                    Duration.ofMillis(pollMillis), () -> signals.add(Signal.CHANGED))) {
                Optional<ExerciseInfo> atHand = workbench.exerciseAtHand(current);
                run = workbench.runAtHand(current, atHand, "cli", target, new RunPrinter(out, target.describe()));
                RestOfLab.waitsFor(atHand, run).ifPresent(out::println);
                if (run.complete()) {
                    Optional<LabFolder> next = labs.stream().filter(l -> l.id().compareTo(run.lab().id()) > 0).findFirst();
                    if (next.isEmpty()) {
                        out.println("Every lab is done. Congratulations!");
                        out.flush();
                        return 0;
                    }
                    current = next.get();
                    out.println("On to lab " + current.id() + ": " + current.title() + ". Its guide: "
                            + course.root().relativize(current.readme()));
                    out.flush();
                    continue;
                }
                out.println("Watching " + course.root().relativize(current.dir().resolve("src"))
                        + (watcher.usesEvents() ? "" : " (polling)") + " for changes. h+Enter: hint, q+Enter: quit.");
                out.flush();
                if (!awaitChange(out, run)) {
                    return 0;
                }
            }
        }
    }

    /** The exercise's next hint level (kept in .labs/hints.json, as ./lab hint does), and what h gives next. */
    private String nextHint(ExerciseInfo exercise) {
        int shown = Course.current().hintsShown().reveal(exercise);
        return exercise.id() + " · " + HintText.level(exercise, shown) + "\n"
                + HintText.next(exercise, shown, "h");
    }

    /** Waits for a save, showing hints on request; false when the learner quits. */
    private boolean awaitChange(PrintWriter out, LabRun run) throws InterruptedException {
        while (true) {
            Signal signal = signals.take();
            switch (signal) {
                case QUIT -> {
                    return false;
                }
                case HINT -> {
                    Optional<ExerciseInfo> next = run.next().map(o -> o.exercise());
                    out.println(next.map(this::nextHint).orElse("No exercise left to hint at."));
                    out.flush();
                }
                case CHANGED -> {
                    Signal more;
                    while ((more = signals.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                        if (more != Signal.CHANGED) {
                            signals.add(more);
                            break;
                        }
                    }
                    return true;
                }
            }
        }
    }

    private void readKeys() {
        Thread keys = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    switch (line.trim().toLowerCase(Locale.ROOT)) {
                        case "h", "hint" -> signals.add(Signal.HINT);
                        case "q", "quit", "exit" -> signals.add(Signal.QUIT);
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // no keyboard (a pipe that closed): Ctrl-C still stops the watch
            }
        }, "lab-watch-keys");
        keys.setDaemon(true);
        keys.start();
    }
}
