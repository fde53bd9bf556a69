package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * What a simulated container does once started: run until it is stopped (a server), or exit
 * with {@code exitCode} after {@code exitsAfter} (a batch job, a crash).
 */
public record ContainerBehaviour(Optional<Duration> exitsAfter, int exitCode) {

    public static final ContainerBehaviour RUNS_UNTIL_STOPPED = new ContainerBehaviour(Optional.empty(), 0);

    public static ContainerBehaviour exitsAfter(Duration duration, int exitCode) {
        return new ContainerBehaviour(Optional.of(duration), exitCode);
    }

    public boolean runsUntilStopped() {
        return exitsAfter.isEmpty();
    }
}
