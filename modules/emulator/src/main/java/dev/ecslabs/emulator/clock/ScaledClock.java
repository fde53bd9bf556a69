package dev.ecslabs.emulator.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real time played {@code speed} times faster: the emulated clock starts at the wall-clock time
 * the emulator started and advances {@code speed} emulated seconds per real second, so a Fargate
 * task that takes about twenty seconds to start on AWS starts here in about one at speed 20.
 * One daemon thread runs the scheduled actions; it sleeps when there is nothing to do.
 */
public final class ScaledClock implements EmulatorClock {
    /** The default speed: AWS's timeline twenty times faster. */
    public static final double DEFAULT_SPEED = 20.0;

    private static final Logger LOG = LoggerFactory.getLogger(ScaledClock.class);

    private final double speed;
    private final Instant start;
    private final long startNanos;
    private final ScheduledThreadPoolExecutor scheduler;

    public ScaledClock(double speed) {
        this(speed, Instant.now());
    }

    /** A clock that starts at {@code start}: an emulator restoring its state resumes the emulated time it saved. */
    public ScaledClock(double speed, Instant start) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("The clock speed must be a positive number, not " + speed);
        }
        this.speed = speed;
        this.start = start;
        this.startNanos = System.nanoTime();
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "emulator-clock");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant now() {
        long elapsedNanos = System.nanoTime() - startNanos;
        return start.plusNanos((long) (elapsedNanos * speed));
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        long realNanos = (long) (Math.max(0, delay.toNanos()) / speed);
        ScheduledFuture<?> future = scheduler.schedule(() -> runLogged(action), realNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    private static void runLogged(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            LOG.error("A scheduled step of the emulator failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
