package dev.ecslabs.coursecheck;

import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.run.LabRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Checks of many labs run side by side in this JVM, a few at a time, the costliest first: a lab's
 * check mostly waits (on the emulator's lifecycles, its polls, the real JVMs of its tasks), so the
 * others' work fits into its waits. Each check is one lab in one copy of the course (the lab tool runs
 * two labs at once, never one lab twice); a test waits for its lab's check and reads its run.
 */
final class LabChecks implements AutoCloseable {
    /** Longer than any lab's check on a loaded machine (lab 11's real JVMs took 75 s on a quiet one). */
    private static final Duration PATIENCE = Duration.ofMinutes(20);

    private final ExecutorService pool;
    private final Map<LabFolder, Future<LabRun>> runs = new LinkedHashMap<>();

    private LabChecks(int atOnce) {
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(atOnce, runnable -> {
            Thread thread = new Thread(runnable, "lab-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a check of every lab of each list, {@code atOnce} at a time, in the order given. The caller puts the
     * costliest first, so that the longest check does not start last and leave the other threads idle at the end.
     */
    static LabChecks start(int atOnce, List<LabFolder> labs, Function<LabFolder, LabRun> check) {
        LabChecks checks = new LabChecks(atOnce);
        for (LabFolder lab : labs) {
            checks.runs.put(lab, checks.pool.submit(() -> timed(lab, check)));
        }
        checks.pool.shutdown();
        return checks;
    }

    /** Later labs build on more and run longer (lab 11 deploys a whole system of real JVMs): last lab first. */
    static List<LabFolder> costliestFirst(List<LabFolder> labs) {
        List<LabFolder> ordered = new ArrayList<>(labs);
        ordered.sort(Comparator.comparing(LabFolder::id).reversed());
        return ordered;
    }

    /** The run of {@code lab}'s check, once it is done; its failure as the check threw it. */
    LabRun await(LabFolder lab) throws Throwable {
        Future<LabRun> run = runs.get(lab);
        if (run == null) {
            throw new IllegalArgumentException("No check of lab " + lab.name() + " was started");
        }
        try {
            return run.get(PATIENCE.toMinutes(), TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("The check of lab " + lab.name() + " did not end within " + PATIENCE.toMinutes()
                    + " minutes", e);
        }
    }

    private static LabRun timed(LabFolder lab, Function<LabFolder, LabRun> check) {
        long started = System.nanoTime();
        String thread = Thread.currentThread().getName();
        try {
            return check.apply(lab);
        } finally {
            // one line per check, for the build's log: where the course check's time goes
            System.out.printf("[course-check] %s %s: %.1f s on %s%n", lab.dir().getParent().getParent().getFileName(),
                    lab.name(), (System.nanoTime() - started) / 1e9, thread);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
