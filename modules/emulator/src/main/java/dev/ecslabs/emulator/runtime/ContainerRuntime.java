package dev.ecslabs.emulator.runtime;

import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * What runs a task's container once its image is pulled: the {@link SimulatedRuntime} plays it
 * from what its command says, the {@link LocalProcessRuntime} starts the image's JVM as a real
 * process. A container engine (Docker, Podman) would be a third one.
 */
public interface ContainerRuntime {

    /** The runtime's name as the emulator's log and the dashboard show it ({@code simulated}, {@code local-process}). */
    String name();

    /** Why this runtime cannot run the container; empty when it can. */
    Optional<String> whyNot(ContainerLaunch launch);

    /**
     * What the task's lifecycle plays for a container running {@code argv}: when it exits on its
     * own (a real process: when it does, so "runs until stopped" until then).
     */
    ContainerBehaviour behaviour(List<String> argv);

    /** How it answers SIGTERM (a real process: as it does, so "killed at the stop timeout" unless it exits first). */
    StopSignals.StopResponse onStop(List<String> argv);

    /**
     * Starts the container; {@code onExit} gets its exit code when it ends on its own or is stopped.
     *
     * @throws ContainerStartException with Docker's words when it cannot start
     */
    RunningContainer start(ContainerLaunch launch, IntConsumer onExit) throws ContainerStartException;

    /** A container that could not be started: the message follows {@code CannotStartContainerError: }. */
    final class ContainerStartException extends Exception {
        public ContainerStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
