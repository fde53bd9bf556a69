package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.run.LabRun;
import dev.ecslabs.dashboard.run.LabTarget;
import dev.ecslabs.dashboard.run.RestOfLab;
import dev.ecslabs.dashboard.run.RunPrinter;
import dev.ecslabs.dashboard.run.Workbench;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The checks started from the dashboard's Check button: one at a time, in this JVM, each line of
 * output sent to the pages as it is printed ({@code check-output}), framed by
 * {@code check-started} and {@code check-finished}. The exercise at hand runs first; the rest of
 * the lab only once it passes. The results themselves reach the pages through
 * the progress file, like any other run's.
 */
final class CheckRuns implements AutoCloseable {
    private final Workbench workbench;
    private final LabTarget target;
    private final LiveEvents events;
    private final ExecutorService runs = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-check");
        thread.setDaemon(true);
        return thread;
    });
    private LabFolder running;

    CheckRuns(Workbench workbench, LabTarget target, LiveEvents events) {
        this.workbench = workbench;
        this.target = target;
        this.events = events;
    }

    /** The lab being checked now, if any. */
    synchronized Optional<LabFolder> running() {
        return Optional.ofNullable(running);
    }

    /** Starts checking a lab; false when a check is already running (one at a time keeps the output readable). */
    synchronized boolean start(LabFolder lab) {
        if (running != null) {
            return false;
        }
        running = lab;
        events.broadcast("check-started", Map.of("lab", lab.id()));
        runs.submit(() -> check(lab));
        return true;
    }

    private void check(LabFolder lab) {
        LabRun run = null;
        try (PrintWriter lines = new PrintWriter(new LineEvents(lab), true)) {
            Optional<ExerciseInfo> atHand = workbench.exerciseAtHand(lab);
            run = workbench.runAtHand(lab, atHand, "dashboard", target, new RunPrinter(lines, target.describe()));
            RestOfLab.waitsFor(atHand, run).ifPresent(lines::println);
        } catch (RuntimeException e) {
            events.broadcast("check-output", Map.of("lab", lab.id(), "line", "The check could not run: " + e.getMessage()));
        } finally {
            synchronized (this) {
                running = null;
            }
            events.broadcast("check-finished", Map.of("lab", lab.id(),
                    "passed", run == null ? 0 : run.passed(),
                    "total", run == null ? 0 : run.outcomes().size(),
                    "complete", run != null && run.complete()));
        }
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }

    /** A writer that sends each whole line it is given as a {@code check-output} event. */
    private final class LineEvents extends Writer {
        private final LabFolder lab;
        private final StringBuilder line = new StringBuilder();

        LineEvents(LabFolder lab) {
            this.lab = lab;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    events.broadcast("check-output", Map.of("lab", lab.id(), "line", line.toString().stripTrailing()));
                    line.setLength(0);
                } else {
                    line.append(chars[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            if (line.length() > 0) {
                write(new char[] {'\n'}, 0, 1);
            }
        }
    }
}
