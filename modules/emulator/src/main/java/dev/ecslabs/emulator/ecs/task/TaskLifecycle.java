package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.runtime.ContainerBehaviour;
import dev.ecslabs.emulator.runtime.ContainerImages;
import dev.ecslabs.emulator.runtime.ContainerRuntime;
import dev.ecslabs.emulator.runtime.ProbeEnvironment;
import dev.ecslabs.emulator.runtime.StopSignals;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.Connectivity;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * A Fargate task's life, worked out from its state alone: when its next step is due
 * ({@link #nextEventAt}) and what that step does ({@link #step}). A task goes PROVISIONING (its
 * network interface is created) → PENDING (its images are pulled, its containers start in
 * dependency order) → ACTIVATING → RUNNING; once its desired status is STOPPED (StopTask, an
 * essential container's exit, a failed start, a Spot interruption) it goes DEACTIVATING →
 * STOPPING (its containers get SIGTERM) → DEPROVISIONING (its network interface is deleted) →
 * STOPPED, skipping what it never reached. Durations are in {@link TaskTimings}
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html).
 */
final class TaskLifecycle {
    private final ContainerImages images;
    private final ContainerProcesses processes;
    private volatile TaskReach reach = TaskReach.NONE;
    private final List<ActivationWork> activationWork = new CopyOnWriteArrayList<>();
    private final List<DeactivationWork> deactivationWork = new CopyOnWriteArrayList<>();

    private final ExecutionRoleCheck executionRoles;

    TaskLifecycle(ContainerImages images, ContainerProcesses processes, ExecutionRoleCheck executionRoles) {
        this.images = images;
        this.processes = processes;
        this.executionRoles = executionRoles;
    }

    void reachWith(TaskReach taskReach) {
        reach = taskReach;
    }

    void addActivationWork(ActivationWork work) {
        activationWork.add(work);
    }

    void addDeactivationWork(DeactivationWork work) {
        deactivationWork.add(work);
    }

    /** How long the task stays DEACTIVATING: ECS's own step, or longer while a load balancer drains it. */
    private Duration deactivating(AccountRegion region, TaskRun run) {
        Duration longest = TaskTimings.DEACTIVATING;
        for (DeactivationWork work : deactivationWork) {
            Duration duration = work.duration(region, run);
            longest = duration.compareTo(longest) > 0 ? duration : longest;
        }
        return longest;
    }

    /** How long the task stays ACTIVATING: Fargate's own steps, or longer while ECS registers it somewhere. */
    private Duration activating(AccountRegion region, TaskRun run) {
        Duration longest = TaskTimings.ACTIVATING;
        for (ActivationWork work : activationWork) {
            Duration duration = work.duration(region, run);
            longest = duration.compareTo(longest) > 0 ? duration : longest;
        }
        return longest;
    }

    /** When the task's next step is due; empty once it is STOPPED. */
    Optional<Instant> nextEventAt(AccountRegion region, TaskRun run) {
        Task task = run.task();
        Instant next = switch (run.status()) {
            // A task waiting for an instance with room has no next step of its own: placing it gives it one.
            case PROVISIONING -> run.stopRequested() ? task.stoppingAt()
                    : Ec2Tasks.awaitingCapacity(task) ? null : task.createdAt().plus(TaskTimings.PROVISIONING);
            case PENDING, ACTIVATING, RUNNING -> {
                if (run.stopRequested()) {
                    yield task.stoppingAt();
                }
                Instant due = ContainerEvents.next(run);
                if (run.status() == TaskStatus.PENDING && task.pullStoppedAt() == null) {
                    due = ContainerEvents.earliest(due, task.pullStartedAt().plus(TaskTimings.IMAGE_PULL));
                }
                if (run.status() == TaskStatus.ACTIVATING) {
                    due = ContainerEvents.earliest(due, run.activatingAt().plus(activating(region, run)));
                }
                yield due;
            }
            case DEACTIVATING -> ContainerEvents.earliest(ContainerEvents.nextExit(run),
                    task.stoppingAt().plus(deactivating(region, run)));
            case STOPPING -> ContainerEvents.nextStopExit(run);
            case DEPROVISIONING -> task.executionStoppedAt().plus(TaskTimings.DEPROVISIONING);
            case STOPPED -> null;
        };
        return Optional.ofNullable(next);
    }

    /** The task after everything due at {@code at} has happened. */
    TaskRun step(AccountRegion region, TaskRun run, Instant at) {
        TaskRun next = switch (run.status()) {
            case PROVISIONING -> run.stopRequested() ? deprovisioning(run, at) : provisioned(region, run, at);
            case PENDING, ACTIVATING, RUNNING -> onTheWayUp(region, run, at);
            case DEACTIVATING -> {
                TaskRun exited = ContainerEvents.applyExits(run, at);
                yield due(run.task().stoppingAt().plus(deactivating(region, run)), at) ? stopping(exited, at) : exited;
            }
            case STOPPING -> executionStoppedIfDone(ContainerEvents.applyStopExits(run, at), at);
            case DEPROVISIONING -> due(run.task().executionStoppedAt().plus(TaskTimings.DEPROVISIONING), at)
                    ? stopped(region, run, at) : run;
            case STOPPED -> run;
        };
        HealthStatus health = ContainerHealth.ofTask(next);
        return health == next.task().healthStatus() ? next : next.withTask(t -> t.healthStatus(health));
    }

    private TaskRun onTheWayUp(AccountRegion region, TaskRun run, Instant at) {
        if (run.stopRequested()) {
            // ECS undoes what ACTIVATING did before it signals the containers; a task still PENDING has nothing to undo.
            return run.status() == TaskStatus.PENDING ? stopping(run, at) : status(run, TaskStatus.DEACTIVATING);
        }
        if (run.status() == TaskStatus.PENDING && run.task().pullStoppedAt() == null) {
            if (!due(run.task().pullStartedAt().plus(TaskTimings.IMAGE_PULL), at)) {
                return ContainerEvents.apply(run, at, beyond(region), realPorts(region));
            }
            run = pulled(region, run, at);
            if (run.stopRequested()) {
                return run;
            }
        }
        run = ContainerEvents.apply(run, at, beyond(region), realPorts(region));
        if (run.stopRequested()) {
            return run;
        }
        run = ContainerEvents.startReady(run, at, (task, container) -> processes.start(region, task, container, at));
        if (run.stopRequested()) {
            return run;
        }
        if (run.status() == TaskStatus.PENDING && ContainerEvents.allStartedOrDone(run)) {
            return status(run, TaskStatus.ACTIVATING).activatingAt(at);
        }
        if (run.status() == TaskStatus.ACTIVATING && due(run.activatingAt().plus(activating(region, run)), at)) {
            return status(run, TaskStatus.RUNNING).withTask(t -> t.startedAt(at));
        }
        return run;
    }

    private Function<TaskRun, ProbeEnvironment> beyond(AccountRegion region) {
        TaskReach current = reach;
        return run -> current.around(region, run);
    }

    private RealPorts realPorts(AccountRegion region) {
        return (run, port, path) -> processes.answersHttp(region, run, port, path);
    }

    /** Its network interface attached: PENDING, and the image pull begins. */
    private TaskRun provisioned(AccountRegion region, TaskRun run, Instant at) {
        Optional<Task> attached = TaskNetworking.attach(region, run.task());
        if (attached.isEmpty()) {
            String subnet = TaskNetworking.eniAttachment(run.task()).map(a -> a.details().get(0).value()).orElse("?");
            return deprovisioning(run.requestStop(at, TaskStopCode.TASK_FAILED_TO_START, "ResourceInitializationError: "
                    + "unable to create the task's network interface: subnet " + subnet + " has no free IP address left. "
                    + "Stop tasks in it, or give the task more subnets."), at);
        }
        return new TaskRun(attached.get(), run.containers(), run.activatingAt(), run.stopSignalAt())
                .withTask(t -> t.lastStatus(TaskStatus.PENDING.name()).pullStartedAt(at)
                        .connectivity(Connectivity.CONNECTED).connectivityAt(at));
    }

    /**
     * After a restart of the emulator: a restored task's containers that had started and not
     * stopped run again on the runtime they get now (a real process for a Java image of this ECR),
     * as ECS's container restart policy restarts a container in place, in the same task with the
     * same network (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html).
     * Answers why a container could not start again, empty when every one did.
     */
    Optional<String> restartContainers(AccountRegion region, TaskRun run) {
        for (ContainerRun container : run.containers()) {
            String image = run.container(container.name()).image();
            if (image == null || !container.started() || run.containerStopped(container.name())) {
                continue;
            }
            ContainerImages.Pull pull = images.pull(region, image);
            if (!pull.succeeded()) {
                continue; // its image is gone since it started (a running container no longer needs it): it stays simulated
            }
            processes.place(region, run, container, pull.digest(), pull.config(), container.argv(), container.listeningPorts());
            Optional<String> failed = processes.start(region, run, container, region.now());
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    /** Every image pulled, or the first failed pull stopping the task before any container starts. */
    private TaskRun pulled(AccountRegion region, TaskRun run, Instant at) {
        Optional<String> roleProblem = TaskDefinitions.of(region).find(run.task().taskDefinitionArn())
                .flatMap(definition -> executionRoles.startProblem(region, run.task(), definition));
        if (roleProblem.isPresent()) {
            return ContainerEvents.stopUnstarted(run.requestStop(at, TaskStopCode.TASK_FAILED_TO_START, roleProblem.get()));
        }
        TaskRun result = run;
        for (ContainerRun container : run.containers()) {
            String image = run.container(container.name()).image();
            if (image == null) {
                // A container ECS adds without an image (the Service Connect proxy) comes with the Fargate platform: nothing to pull.
                result = result.withRun(container.pulled(List.of(), container.declaredPorts(),
                        ContainerBehaviour.RUNS_UNTIL_STOPPED, StopSignals.respond(List.of())));
                continue;
            }
            ContainerImages.Pull pull = images.pull(region, image);
            if (!pull.succeeded()) {
                return ContainerEvents.stopUnstarted(result
                        .withContainer(container.name(), c -> c.lastStatus(TaskStatus.STOPPED.name()).reason(pull.failure()))
                        .requestStop(at, TaskStopCode.TASK_FAILED_TO_START, pull.failure()));
            }
            List<String> argv = pull.config().argv(container.entryPoint(), container.command());
            List<Integer> ports = pull.config().listeningPorts() != null ? pull.config().listeningPorts()
                    : container.declaredPorts();
            ContainerRuntime runtime = processes.place(region, result, container, pull.digest(), pull.config(), argv, ports);
            result = result.withRun(container.pulled(argv, ports, runtime.behaviour(argv), runtime.onStop(argv)))
                    .withContainer(container.name(), c -> c.imageDigest(pull.digest()));
        }
        return result.withTask(t -> t.pullStoppedAt(at));
    }

    /** STOPPING: SIGTERM to every running container; those that never started are STOPPED at once. */
    private static TaskRun stopping(TaskRun run, Instant at) {
        TaskRun signalled = ContainerEvents.stopUnstarted(status(run, TaskStatus.STOPPING)).stopSignalAt(at);
        return executionStoppedIfDone(signalled, at);
    }

    private static TaskRun executionStoppedIfDone(TaskRun run, Instant at) {
        return run.allContainersStopped() ? status(run, TaskStatus.DEPROVISIONING).withTask(t -> t.executionStoppedAt(at))
                : run;
    }

    /** Straight to DEPROVISIONING: no container ever ran. */
    private static TaskRun deprovisioning(TaskRun run, Instant at) {
        return status(ContainerEvents.stopUnstarted(run), TaskStatus.DEPROVISIONING).withTask(t -> t.executionStoppedAt(at));
    }

    /** STOPPED: the network interface deleted and its address free. */
    private static TaskRun stopped(AccountRegion region, TaskRun run, Instant at) {
        Task detached = TaskNetworking.detach(region, run.task());
        return new TaskRun(detached, run.containers(), run.activatingAt(), run.stopSignalAt())
                .withTask(t -> t.lastStatus(TaskStatus.STOPPED.name()).stoppedAt(at));
    }

    private static TaskRun status(TaskRun run, TaskStatus status) {
        return run.withTask(t -> t.lastStatus(status.name()));
    }

    private static boolean due(Instant when, Instant at) {
        return !when.isAfter(at);
    }
}
