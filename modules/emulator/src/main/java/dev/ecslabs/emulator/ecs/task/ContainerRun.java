package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.runtime.ContainerBehaviour;
import dev.ecslabs.emulator.runtime.StopSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthCheck;

/**
 * One container of a task as the simulation runs it, beside what ECS reports of it: what its
 * definition asks for, what it runs once its image is pulled, and when it started. Plain values,
 * so that a task's next step can be worked out from its state alone.
 *
 * @param entryPoint          the definition's entry point (empty for the image's)
 * @param command             the command, the run's override if it has one, else the definition's (empty for the image's)
 * @param healthCheck         {@code null} when the container defines none
 * @param argv                what it runs (entry point and command): {@code null} until its image is pulled
 * @param listeningPorts      where it answers HTTP once running: {@code null} until its image is pulled
 * @param behaviour           what {@code argv} does: {@code null} until its image is pulled
 * @param onStop              how it answers SIGTERM: {@code null} until its image is pulled
 * @param startedAt           {@code null} until it starts
 * @param healthChecksRun     how many times its health check has run
 * @param consecutiveFailures failed health checks in a row that count (after the start period)
 */
public record ContainerRun(String name, boolean essential, List<String> entryPoint, List<String> command,
                           List<ContainerDependency> dependsOn, HealthCheck healthCheck,
                           Integer startTimeout, Integer stopTimeout, List<Integer> declaredPorts, List<String> argv,
                           List<Integer> listeningPorts, ContainerBehaviour behaviour, StopSignals.StopResponse onStop,
                           Instant startedAt, int healthChecksRun, int consecutiveFailures) {

    public ContainerRun {
        entryPoint = List.copyOf(entryPoint);
        command = List.copyOf(command);
        dependsOn = List.copyOf(dependsOn);
        declaredPorts = List.copyOf(declaredPorts);
        argv = argv == null ? null : List.copyOf(argv);
        listeningPorts = listeningPorts == null ? null : List.copyOf(listeningPorts);
    }

    public boolean started() {
        return startedAt != null;
    }

    /** When it exits on its own, if it does and has started. */
    Instant exitsAt() {
        if (startedAt == null || behaviour == null || behaviour.runsUntilStopped()) {
            return null;
        }
        return startedAt.plus(behaviour.exitsAfter().orElseThrow());
    }

    /** When its next health check runs, if it has one and has started. */
    Instant nextHealthCheckAt() {
        if (startedAt == null || healthCheck == null) {
            return null;
        }
        return startedAt.plus(Duration.ofSeconds((long) healthCheck.interval() * (healthChecksRun + 1)));
    }

    /** When it exits after being sent SIGTERM at {@code signalledAt}: on its own, or killed at its stop timeout. */
    Instant exitsAfterSignal(Instant signalledAt) {
        Duration timeout = TaskTimings.stopTimeout(stopTimeout);
        Duration response = onStop == null || onStop.ignoresSignal() ? timeout : onStop.exitsAfter();
        return signalledAt.plus(response.compareTo(timeout) > 0 ? timeout : response);
    }

    /** The exit code of a container that exits because it was sent SIGTERM: its own, or 137 when it had to be killed. */
    int exitCodeAfterSignal() {
        Duration timeout = TaskTimings.stopTimeout(stopTimeout);
        boolean killed = onStop == null || onStop.ignoresSignal() || onStop.exitsAfter().compareTo(timeout) > 0;
        return killed ? StopSignals.KILLED : onStop.exitCode();
    }

    ContainerRun pulled(List<String> argv, List<Integer> listeningPorts, ContainerBehaviour behaviour,
                        StopSignals.StopResponse onStop) {
        return new ContainerRun(name, essential, entryPoint, command, dependsOn, healthCheck, startTimeout, stopTimeout, declaredPorts, argv,
                listeningPorts, behaviour, onStop, startedAt, healthChecksRun, consecutiveFailures);
    }

    ContainerRun startedAt(Instant at) {
        return new ContainerRun(name, essential, entryPoint, command, dependsOn, healthCheck, startTimeout, stopTimeout, declaredPorts, argv,
                listeningPorts, behaviour, onStop, at, healthChecksRun, consecutiveFailures);
    }

    ContainerRun checked(int consecutiveFailures) {
        return new ContainerRun(name, essential, entryPoint, command, dependsOn, healthCheck, startTimeout, stopTimeout, declaredPorts, argv,
                listeningPorts, behaviour, onStop, startedAt, healthChecksRun + 1, consecutiveFailures);
    }
}
