package dev.ecslabs.emulator.state;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers that changed state wait here until their change is in the journal, and
 * one thread writes the changes of every caller that arrived meanwhile in one record, with one
 * write (and one flush, if asked). Sixteen callers at once cost one write, not sixteen.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes what a group of calls changed to the journal. */
    @FunctionalInterface
    interface Writer {
        void write(Map<AccountRegion, CallChanges.Reached> changed) throws Exception;
    }

    private final Writer writer;
    private final Thread thread;
    private final Object monitor = new Object();
    private Map<AccountRegion, CallChanges.Reached> pending = new LinkedHashMap<>();
    private long requested;
    private long written;
    private boolean closed;

    GroupCommit(Writer writer) {
        this.writer = writer;
        this.thread = new Thread(this::run, "emulator-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once what a call changed is in the journal (at once if it changed nothing). */
    void awaitWritten(Map<AccountRegion, CallChanges.Reached> reached) {
        if (reached.isEmpty()) {
            return;
        }
        synchronized (monitor) {
            if (closed) {
                return;
            }
            reached.forEach((region, changes) -> pending.computeIfAbsent(region, key -> new CallChanges.Reached()).addAll(changes));
            long ticket = ++requested;
            monitor.notifyAll();
            boolean interrupted = false;
            while (written < ticket) { // the thread writes everything requested before it stops
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the answer must still wait for the disk; the interrupt is kept for the caller
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            Map<AccountRegion, CallChanges.Reached> group;
            long upTo;
            synchronized (monitor) {
                while (requested == written && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (requested == written) {
                    return;
                }
                upTo = requested;
                group = pending;
                pending = new LinkedHashMap<>();
            }
            try {
                writer.write(group);
            } catch (Exception e) {
                // a full disk must not hang every caller; the state is still in memory and goes out with the next checkpoint
                LOG.error("Could not write {} changed account-region(s) to the journal", group.size(), e);
            }
            synchronized (monitor) {
                written = upTo;
                monitor.notifyAll();
            }
        }
    }

    /** Writes what is pending, then stops. */
    @Override
    public void close() {
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
