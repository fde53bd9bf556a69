package dev.ecslabs.dashboard.classroom.member;

import dev.ecslabs.labkit.ProgressFile;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the outbox from the progress file, whoever wrote it (Maven, the IDE, {@code lab watch},
 * the dashboard): a few times a second it reads the file and queues the results that changed.
 * Comparing the results themselves, not the file's time, means no change is missed, and a change
 * made while {@code lab start} was not running is queued when it starts.
 */
final class ProgressFeed implements AutoCloseable {
    private final ProgressFile progress;
    private final Outbox outbox;
    private final PrintWriter out;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "classroom-progress-feed");
        thread.setDaemon(true);
        return thread;
    });
    private boolean complained;

    ProgressFeed(ProgressFile progress, Outbox outbox, PrintWriter out, Duration every) {
        this.progress = progress;
        this.outbox = outbox;
        this.out = out;
        reader.scheduleWithFixedDelay(this::readNow, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the progress file now and queues what changed. */
    synchronized void readNow() {
        try {
            outbox.enqueueChanges(progress.read());
            complained = false;
        } catch (RuntimeException e) {
            if (!complained) {
                complained = true;
                out.println("Classroom: your results could not be queued (" + e.getMessage() + "); trying again.");
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
