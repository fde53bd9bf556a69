package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.runtime.ProbeEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ManagedAgent;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * What happens to a task's containers once their images are pulled: they start in {@code dependsOn}
 * order, run their health checks, exit on their own (an essential container's exit stops the task:
 * "Essential container in task exited") or, once the task stops, answer SIGTERM or are killed.
 */
final class ContainerEvents {
    static final String ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";

    private ContainerEvents() {
    }

    /** The earliest event of a task whose containers run as desired: an exit, a health check or a dependency timeout. */
    static Instant next(TaskRun run) {
        Instant next = null;
        for (ContainerRun container : run.containers()) {
            if (isRunning(run, container)) {
                next = earliest(next, container.exitsAt());
                next = earliest(next, container.nextHealthCheckAt());
            } else if (isWaiting(run, container)) {
                next = earliest(next, ContainerDependencies.givesUpAt(run, container));
            }
        }
        return next;
    }

    /** The earliest moment a running container exits on its own (while the task is deactivating). */
    static Instant nextExit(TaskRun run) {
        Instant next = null;
        for (ContainerRun container : run.containers()) {
            if (isRunning(run, container)) {
                next = earliest(next, container.exitsAt());
            }
        }
        return next;
    }

    /** The earliest moment a running container exits after SIGTERM, on its own or killed. */
    static Instant nextStopExit(TaskRun run) {
        Instant next = null;
        for (ContainerRun container : run.containers()) {
            if (isRunning(run, container)) {
                next = earliest(next, earliest(container.exitsAt(), container.exitsAfterSignal(run.stopSignalAt())));
            }
        }
        return next;
    }

    /**
     * Applies what is due at {@code at} to the containers of a task that should be running;
     * {@code beyond} tells its health checks what they reach outside the task.
     */
    static TaskRun apply(TaskRun run, Instant at, Function<TaskRun, ProbeEnvironment> beyond, RealPorts real) {
        for (ContainerRun container : run.containers()) {
            if (isRunning(run, container) && due(container.exitsAt(), at)) {
                run = exit(run, container.name(), container.behaviour().exitCode());
                if (container.essential()) {
                    run = run.requestStop(at, TaskStopCode.ESSENTIAL_CONTAINER_EXITED, ESSENTIAL_CONTAINER_EXITED);
                }
            }
        }
        for (ContainerRun container : run.containers()) {
            if (!run.stopRequested() && isRunning(run, container) && due(container.nextHealthCheckAt(), at)) {
                run = ContainerHealth.check(run, container, at, beyond.apply(run), real);
            }
        }
        for (ContainerRun container : run.containers()) {
            if (!run.stopRequested() && isWaiting(run, container) && due(ContainerDependencies.givesUpAt(run, container), at)) {
                run = failToStart(run, container, at);
            }
        }
        return run;
    }

    /** Applies the exits due at {@code at} of containers that end on their own (while the task is deactivating). */
    static TaskRun applyExits(TaskRun run, Instant at) {
        for (ContainerRun container : run.containers()) {
            if (isRunning(run, container) && due(container.exitsAt(), at)) {
                run = exit(run, container.name(), container.behaviour().exitCode());
            }
        }
        return run;
    }

    /** Applies the exits due at {@code at} of containers that were sent SIGTERM. */
    static TaskRun applyStopExits(TaskRun run, Instant at) {
        for (ContainerRun container : run.containers()) {
            if (!isRunning(run, container)) {
                continue;
            }
            if (due(container.exitsAt(), at)) {
                run = exit(run, container.name(), container.behaviour().exitCode());
            } else if (due(container.exitsAfterSignal(run.stopSignalAt()), at)) {
                run = exit(run, container.name(), container.exitCodeAfterSignal());
            }
        }
        return run;
    }

    /**
     * Starts every container whose conditions are met, over and over until none is left to start
     * (one container's start can meet another's START condition); a container whose conditions
     * can never be met stops the task, and so does one that {@code starter} cannot start.
     */
    static TaskRun startReady(TaskRun run, Instant at, ContainerStarter starter) {
        boolean started = true;
        while (started && !run.stopRequested()) {
            started = false;
            for (ContainerRun container : run.containers()) {
                if (!isWaiting(run, container)) {
                    continue;
                }
                ContainerDependencies.Readiness readiness = ContainerDependencies.of(run, container);
                if (readiness == ContainerDependencies.Readiness.MET) {
                    Optional<String> failure = starter.start(run, container);
                    if (failure.isPresent()) {
                        return run.withContainer(container.name(), c -> c.lastStatus(TaskStatus.STOPPED.name())
                                .reason(failure.get())).requestStop(at, TaskStopCode.TASK_FAILED_TO_START, failure.get());
                    }
                    run = start(run, container, at);
                    started = true;
                } else if (readiness == ContainerDependencies.Readiness.NEVER) {
                    return failToStart(run, container, at);
                }
            }
        }
        return run;
    }

    /** Whether every container has started or is done: the task can go on to ACTIVATING. */
    static boolean allStartedOrDone(TaskRun run) {
        return run.containers().stream().noneMatch(container -> isWaiting(run, container));
    }

    /** The containers that never started, STOPPED without an exit code (the task stops before they could). */
    static TaskRun stopUnstarted(TaskRun run) {
        for (ContainerRun container : run.containers()) {
            if (!container.started() && TaskStatus.PENDING.name().equals(run.container(container.name()).lastStatus())) {
                TaskRun current = run;
                run = run.withContainer(container.name(), c -> c.lastStatus(TaskStatus.STOPPED.name())
                        .managedAgents(stopped(current.container(container.name()).managedAgents())));
            }
        }
        return run;
    }

    static TaskRun exit(TaskRun run, String name, int exitCode) {
        Container container = run.container(name);
        return run.withContainer(name, c -> c.lastStatus(TaskStatus.STOPPED.name()).exitCode(exitCode)
                .managedAgents(stopped(container.managedAgents())));
    }

    private static TaskRun start(TaskRun run, ContainerRun container, Instant at) {
        Container reported = run.container(container.name());
        List<ManagedAgent> agents = reported.managedAgents().isEmpty() ? null : new ArrayList<>();
        reported.managedAgents().forEach(agent -> agents.add(agent.toBuilder().lastStatus(TaskStatus.RUNNING.name())
                .lastStartedAt(at).build()));
        String runtimeId = run.taskId() + "-" + Integer.toUnsignedString(UUID.randomUUID().hashCode());
        return run.withRun(container.startedAt(at)).withContainer(container.name(), c -> c
                .lastStatus(TaskStatus.RUNNING.name()).runtimeId(runtimeId).managedAgents(agents));
    }

    private static TaskRun failToStart(TaskRun run, ContainerRun container, Instant at) {
        String reason = ContainerDependencies.whyNot(run, container);
        return run.withContainer(container.name(), c -> c.lastStatus(TaskStatus.STOPPED.name()).reason(reason))
                .requestStop(at, TaskStopCode.TASK_FAILED_TO_START, reason);
    }

    /** The agents STOPPED; none (left unset, as ECS leaves it) when the container has none. */
    private static List<ManagedAgent> stopped(List<ManagedAgent> agents) {
        if (agents.isEmpty()) {
            return null;
        }
        return agents.stream().map(agent -> agent.toBuilder().lastStatus(TaskStatus.STOPPED.name()).build()).toList();
    }

    static boolean isRunning(TaskRun run, ContainerRun container) {
        return container.started() && TaskStatus.RUNNING.name().equals(run.container(container.name()).lastStatus());
    }

    /** Created and waiting to start: its image is pulled, it has not started and has not been stopped. */
    static boolean isWaiting(TaskRun run, ContainerRun container) {
        return container.behaviour() != null && !container.started()
                && TaskStatus.PENDING.name().equals(run.container(container.name()).lastStatus());
    }

    private static boolean due(Instant when, Instant at) {
        return when != null && !when.isAfter(at);
    }

    /** Starts a container of a real runtime; answers why it could not start, empty when it did (or is simulated). */
    @FunctionalInterface
    interface ContainerStarter {
        ContainerStarter SIMULATED = (run, container) -> Optional.empty();

        Optional<String> start(TaskRun run, ContainerRun container);
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
