package dev.ecslabs.emulator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a simulated container does once started: run until it is stopped (a server), or exit
 * with {@code exitCode} after {@code exitsAfter} (a batch job, a crash); and the lines it writes
 * to stdout and stderr on the way ({@code echo}, {@code printf}), each at its time after the start.
 */
public record ContainerBehaviour(Optional<Duration> exitsAfter, int exitCode, List<OutputLine> output) {

    public static final ContainerBehaviour RUNS_UNTIL_STOPPED = new ContainerBehaviour(Optional.empty(), 0);

    public ContainerBehaviour {
        output = output == null ? List.of() : List.copyOf(output);
    }

    public ContainerBehaviour(Optional<Duration> exitsAfter, int exitCode) {
        this(exitsAfter, exitCode, List.of());
    }

    /** One line a simulated container writes, {@code after} its start. */
    public record OutputLine(Duration after, String text) {
    }

    public static ContainerBehaviour exitsAfter(Duration duration, int exitCode) {
        return new ContainerBehaviour(Optional.of(duration), exitCode);
    }

    public ContainerBehaviour withOutput(List<OutputLine> lines) {
        return new ContainerBehaviour(exitsAfter, exitCode, lines);
    }

    public boolean runsUntilStopped() {
        return exitsAfter.isEmpty();
    }
}
