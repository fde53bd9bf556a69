package dev.ecslabs.dashboard.classroom.room;

import java.io.IOException;
import java.time.Duration;

/**
 * Saves the classroom after each change, before the change is acknowledged: a request that changed
 * something waits until a save that includes it is on disk. One thread writes; while it writes,
 * further changes pile up and the next write takes them all, so fifty learners cost a few writes a
 * second, not fifty. A failed save (a full disk) is tried again, and the waiting requests are told
 * to come back later; their events stay queued on the learners' machines.
 */
final class RoomSaver implements AutoCloseable {
    private static final long RETRY_FAILED_SAVE_MILLIS = 1000;

    private final Roster roster;
    private final RoomFile file;
    private final String code;
    private final Thread writer;
    private long saved;
    private IOException lastFailure;
    private boolean closed;

    RoomSaver(Roster roster, RoomFile file, String code) {
        this.roster = roster;
        this.file = file;
        this.code = code;
        this.saved = -1;
        this.writer = new Thread(this::writeLoop, "classroom-saver");
        writer.setDaemon(true);
        writer.start();
    }

    /** Called after a change; wakes the writer. */
    synchronized void changed() {
        notifyAll();
    }

    /**
     * Waits until everything the roster holds now is on disk.
     *
     * @throws Refusal 503 when that did not happen in time
     */
    void awaitSaved(Duration timeout) {
        long wanted = roster.version();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            notifyAll();
            while (saved < wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    throw new Refusal(503, "The classroom could not save your results just now"
                            + (lastFailure != null ? " (" + lastFailure.getMessage() + ")" : "")
                            + "; your tool keeps them and sends them again.", java.util.OptionalLong.of(2));
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Refusal(503, "The classroom is stopping; your tool sends your results again later.");
                }
            }
        }
    }

    private void writeLoop() {
        while (true) {
            long version;
            synchronized (this) {
                while (!closed && saved >= roster.version()) {
                    try {
                        wait(lastFailure != null ? RETRY_FAILED_SAVE_MILLIS : 0);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (lastFailure != null) {
                        break;
                    }
                }
                if (closed && saved >= roster.version()) {
                    return;
                }
            }
            // the version is read before the learners: the snapshot holds at least that version
            version = roster.version();
            try {
                file.write(code, roster.learners());
                synchronized (this) {
                    saved = Math.max(saved, version);
                    lastFailure = null;
                    notifyAll();
                }
            } catch (IOException e) {
                synchronized (this) {
                    if (lastFailure == null) {
                        System.err.println("The classroom could not save " + file.path() + ": " + e.getMessage()
                                + ". It keeps trying; learners' results wait on their machines meanwhile.");
                    }
                    lastFailure = e;
                    if (closed) {
                        return;
                    }
                }
            }
        }
    }

    /** Writes what is left, then stops. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
