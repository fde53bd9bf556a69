package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.clock.ClientActivity;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells the clock that traffic flows through the load balancers from the first request until
 * {@code window} after the last one was answered, as one stretch of activity: a steady stream of
 * requests holds the clock with one {@link ClientActivity#begin} and one {@link ClientActivity#end},
 * not one of each (and a timer) per request.
 */
final class TrafficWindow {
    private final Duration window;
    private final ScheduledExecutorService timer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastAnsweredNanos;
    /** The clock told of the stretch under way (null: none under way); changed only while holding {@code this}. */
    private ClientActivity held;
    /** Whether a stretch is under way, read without the lock by every request (see {@link #check} for the race). */
    private volatile boolean holding;

    TrafficWindow(Duration window, ScheduledExecutorService timer) {
        this.window = window;
        this.timer = timer;
    }

    /** A request arrived: the clock keeps its pace from now. */
    void begin(ClientActivity clock) {
        inFlight.incrementAndGet();
        if (holding) {
            return;
        }
        synchronized (this) {
            if (held == null) {
                held = clock;
                holding = true;
                clock.begin();
                checkIn(window.toNanos());
            }
        }
    }

    /** A request was answered: the stretch ends {@code window} after the last answer, unless another request comes. */
    void end() {
        lastAnsweredNanos = System.nanoTime();
        inFlight.decrementAndGet();
    }

    private void checkIn(long nanos) {
        try {
            timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            release();
        }
    }

    /**
     * Ends the stretch once no request is in flight and the last answer is {@code window} old. A request
     * arriving meanwhile raises {@code inFlight} before it reads {@code holding}, and this lowers
     * {@code holding} before it reads {@code inFlight}: one of the two sees the other, so the request
     * either keeps this stretch or starts the next one.
     */
    private synchronized void check() {
        holding = false;
        long quietFor = System.nanoTime() - lastAnsweredNanos;
        if (inFlight.get() > 0 || quietFor < window.toNanos()) {
            holding = true;
            checkIn(inFlight.get() > 0 ? window.toNanos() : window.toNanos() - Math.max(0, quietFor));
            return;
        }
        release();
    }

    /** Ends the stretch under way at once (the data plane closes). */
    synchronized void release() {
        holding = false;
        if (held != null) {
            ClientActivity clock = held;
            held = null;
            clock.end();
        }
    }
}
