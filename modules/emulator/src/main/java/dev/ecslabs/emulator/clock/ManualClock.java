package dev.ecslabs.emulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test tells it to: {@link #advance} runs every action that falls
 * due, in time order, each seeing {@link #now()} at its own due time. Actions scheduled by those
 * actions run in the same advance if they fall due within it.
 */
public final class ManualClock implements EmulatorClock {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable action) {
        Entry entry = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, action);
        queue.add(entry);
        return () -> {
            synchronized (ManualClock.this) {
                queue.remove(entry);
            }
        };
    }

    /** Moves the clock forward, running what falls due on the calling thread. */
    public void advance(Duration duration) {
        advance(duration, () -> { });
    }

    /**
     * Moves the clock forward like {@link #advance(Duration)} and runs {@code afterEachStep} after
     * every action that fell due, so that a test can check an invariant at every step of a
     * lifecycle rather than only where it happens to look.
     */
    public void advance(Duration duration, Runnable afterEachStep) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
            }
            next.action.run();
            afterEachStep.run();
        }
    }

    /** How many actions wait to fall due. */
    public synchronized int pending() {
        return queue.size();
    }

    @Override
    public synchronized void close() {
        queue.clear();
    }

    private record Entry(Instant due, long sequence, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
