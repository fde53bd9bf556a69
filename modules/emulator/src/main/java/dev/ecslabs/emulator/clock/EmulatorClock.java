package dev.ecslabs.emulator.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The one clock every lifecycle of the emulator runs on: task states, deployments, Cloud Map
 * operations, lifecycle policies and scans all ask it for the time and schedule their next step
 * on it. Durations given to {@link #schedule} are emulated time: AWS's own durations, which a
 * {@link ScaledClock} plays faster than real time and a {@link ManualClock} plays when told.
 */
public interface EmulatorClock extends AutoCloseable {

    /** The emulated time now; every timestamp the emulator reports comes from here. */
    Instant now();

    /** Runs the action once {@code delay} of emulated time has passed, never inside this call. */
    Scheduled schedule(Duration delay, Runnable action);

    /** Stops running scheduled actions. */
    @Override
    void close();

    /** A scheduled action that has not run yet can be cancelled. */
    interface Scheduled {
        void cancel();
    }
}
