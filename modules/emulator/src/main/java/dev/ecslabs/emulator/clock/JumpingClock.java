package dev.ecslabs.emulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ScaledClock}'s pace, plus jumps: when no client request has been in flight for a short
 * real-time {@code quiet} spell (clients are only polling, between two polls), the clock jumps
 * straight to its next due step instead of waiting for it. Every step still runs at its own
 * emulated time, one after the other in time order, so timestamps and the order of events are
 * those of the scaled clock; only the real time spent waiting for them goes. To a client a jump
 * looks like a pause between two of its calls, which AWS allows any length of.
 *
 * <p>Jumps are bounded: each quiet spell (from the end of one request to the start of the next)
 * may be shortened by at most {@code budget} of emulated time, so a client that stops calling
 * does not send the clock hours ahead (stopped tasks would vanish, lifecycle policies would
 * expire images); once a spell's budget is spent the clock plays at its speed again.
 *
 * <p>A clock made {@link #onRequest} does not jump until asked to, for a while ({@link #allowJumpsFor}):
 * the course's own emulator under {@code ./lab start} plays at a speed a person can watch, and
 * jumps only while a lab check runs against it.
 */
public final class JumpingClock implements EmulatorClock, ClientActivity {
    /** Longer than a warm client's pause between two calls in a row, shorter than labkit's 100 ms waiter poll. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(50);
    /** More than any one lifecycle step a lab waits for (a DNS namespace's 40 s, a service's 40 s healthy wait). */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(JumpingClock.class);

    private final double speed;
    private final Instant start;
    private final long startNanos;
    private final long quietNanos;
    private final long budgetNanos;
    private final boolean onRequest;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Thread runner;
    /** Emulated nanoseconds jumped over so far; written under this clock's lock. */
    private volatile long jumpedNanos;
    private long budgetLeftNanos;
    /** For a clock on request: until when ({@link System#nanoTime}) jumps are allowed. */
    private long jumpsUntilNanos;
    private int inFlight;
    private long lastActivityNanos;
    private long sequence;
    private boolean closed;

    public JumpingClock(double speed) {
        this(speed, Instant.now(), DEFAULT_QUIET, DEFAULT_BUDGET);
    }

    /** A clock that starts at {@code start} (an emulator restoring its state resumes the emulated time it saved). */
    public JumpingClock(double speed, Instant start) {
        this(speed, start, DEFAULT_QUIET, DEFAULT_BUDGET);
    }

    public JumpingClock(double speed, Instant start, Duration quiet, Duration budget) {
        this(speed, start, quiet, budget, false);
    }

    /** A clock at {@code speed} that jumps only while {@link #allowJumpsFor asked to}. */
    public static JumpingClock onRequest(double speed, Instant start) {
        return new JumpingClock(speed, start, DEFAULT_QUIET, DEFAULT_BUDGET, true);
    }

    private JumpingClock(double speed, Instant start, Duration quiet, Duration budget, boolean onRequest) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("The clock speed must be a positive number, not " + speed);
        }
        if (quiet.isNegative() || budget.isNegative()) {
            throw new IllegalArgumentException("The quiet spell and the jump budget can't be negative: " + quiet + ", " + budget);
        }
        this.speed = speed;
        this.onRequest = onRequest;
        this.start = start;
        this.quietNanos = quiet.toNanos();
        this.budgetNanos = budget.toNanos();
        this.budgetLeftNanos = budgetNanos;
        this.startNanos = System.nanoTime();
        this.lastActivityNanos = startNanos;
        this.jumpsUntilNanos = startNanos;
        this.runner = new Thread(this::runSteps, "emulator-clock");
        runner.setDaemon(true);
        runner.start();
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant now() {
        return start.plusNanos(emulatedNanos());
    }

    /** True for a clock that jumps only while asked to ({@link #onRequest}). */
    public boolean jumpsOnRequest() {
        return onRequest;
    }

    /**
     * Lets a clock {@link #onRequest} jump for the next {@code time} of real time (a lab check asks
     * again while it runs, so a check that dies leaves the clock at its speed soon after);
     * {@code Duration.ZERO} stops the jumps at once.
     */
    public synchronized void allowJumpsFor(Duration time) {
        if (!onRequest) {
            throw new IllegalStateException("This clock always jumps while clients are quiet; it takes no requests");
        }
        jumpsUntilNanos = System.nanoTime() + Math.max(0, time.toNanos());
        notifyAll();
    }

    /** Whether the clock may jump now. */
    private boolean jumpsAllowed() {
        return !onRequest || System.nanoTime() - jumpsUntilNanos < 0;
    }

    /** How much emulated time the jumps have saved so far. */
    public Duration jumped() {
        return Duration.ofNanos(jumpedNanos);
    }

    private long emulatedNanos() {
        return (long) ((System.nanoTime() - startNanos) * speed) + jumpedNanos;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable action) {
        long due = emulatedNanos() + Math.max(0, delay.toNanos());
        Entry entry = new Entry(due, sequence++, action);
        queue.add(entry);
        notifyAll();
        return () -> {
            synchronized (JumpingClock.this) {
                queue.remove(entry);
            }
        };
    }

    @Override
    public synchronized void begin() {
        inFlight++;
        lastActivityNanos = System.nanoTime();
        budgetLeftNanos = budgetNanos;
    }

    @Override
    public synchronized void end() {
        inFlight = Math.max(0, inFlight - 1);
        lastActivityNanos = System.nanoTime();
        notifyAll();
    }

    private void runSteps() {
        while (true) {
            Entry due;
            try {
                due = nextDue();
            } catch (InterruptedException e) {
                return;
            }
            if (due == null) {
                return;
            }
            try {
                due.action.run();
            } catch (RuntimeException | Error e) {
                LOG.error("A scheduled step of the emulator failed", e);
            }
        }
    }

    /** Waits for the next step to fall due, by time or by a jump; null once closed. */
    private synchronized Entry nextDue() throws InterruptedException {
        while (!closed) {
            Entry next = queue.peek();
            long now = emulatedNanos();
            if (next != null && next.due <= now) {
                return queue.poll();
            }
            long waitNanos = next == null ? TimeUnit.SECONDS.toNanos(60) : (long) Math.ceil((next.due - now) / speed);
            if (next != null && inFlight == 0 && budgetLeftNanos > 0 && jumpsAllowed()) {
                long quietFor = System.nanoTime() - lastActivityNanos;
                if (quietFor >= quietNanos) {
                    long jump = Math.min(next.due - now, budgetLeftNanos);
                    jumpedNanos += jump;
                    budgetLeftNanos -= jump;
                    continue;
                }
                waitNanos = Math.min(waitNanos, quietNanos - quietFor);
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(waitNanos, 1));
        }
        return null;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            notifyAll();
        }
        runner.interrupt();
    }

    private record Entry(long due, long sequence, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(due, other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
