package dev.ecslabs.emulator.ecs.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.runtime.ContainerBehaviour;
import dev.ecslabs.emulator.runtime.ContainerImages;
import dev.ecslabs.emulator.runtime.ContainerRuntime;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * The Fargate capacity the emulator's tasks run on: it starts tasks (for RunTask and the service
 * scheduler), stops them, interrupts Fargate Spot tasks on request, plays each task's lifecycle
 * on the emulator's clock and tells {@link TaskStateListener}s of every change. Every method runs
 * under the task's account-region lock.
 */
public final class Fargate {
    /** "Your Spot Task was interrupted.": ECS's reason for a task stopped by a Fargate Spot interruption. */
    public static final String SPOT_INTERRUPTED = "Your Spot Task was interrupted.";

    private static final Logger LOG = LoggerFactory.getLogger(Fargate.class);
    /** A guard against a lifecycle that would not move forward; a task has far fewer steps than this. */
    private static final int MAX_STEPS_AT_ONCE = 100_000;

    private final StateStore store;
    private final TaskLifecycle lifecycle;
    private final ContainerProcesses processes;
    private final List<TaskStateListener> listeners = new CopyOnWriteArrayList<>();

    public Fargate(StateStore store, ContainerImages images) {
        this(store, images, null);
    }

    /**
     * Fargate whose containers of JVM images run as real processes of {@code localRuntime} (when
     * it can run them); {@code null} simulates every container.
     */
    public Fargate(StateStore store, ContainerImages images, ContainerRuntime localRuntime) {
        this.store = store;
        this.processes = new ContainerProcesses(store, localRuntime);
        this.lifecycle = new TaskLifecycle(images, processes, new ExecutionRoleCheck(store));
        processes.onExit(this::containerExited);
    }

    /**
     * A real container exited on its own (or on its stop signal): its behaviour becomes "exited
     * with {@code exitCode} now", and the lifecycle applies the exit as for a simulated one.
     */
    private void containerExited(AccountRegion region, String taskId, String containerName, int exitCode) {
        region.locked(() -> Tasks.of(region).find(taskId).ifPresent(run -> {
            Optional<ContainerRun> container = run.containers().stream().filter(c -> c.name().equals(containerName))
                    .findFirst();
            if (container.isEmpty() || !container.get().started() || run.containerStopped(containerName)) {
                return;
            }
            Duration ran = Duration.between(container.get().startedAt(), region.now());
            ContainerRun exited = container.get().pulled(container.get().argv(), container.get().listeningPorts(),
                    ContainerBehaviour.exitsAfter(ran.isNegative() ? Duration.ZERO : ran, exitCode), container.get().onStop());
            scheduleNextStep(region, save(region, run, run.withRun(exited)));
        }));
    }

    /** Where the task's real containers answer on this machine: container, container port, local port. */
    public List<LocalContainerPort> localPorts(AccountRegion region, String taskIdOrArn) {
        return region.locked(() -> Tasks.of(region).find(taskIdOrArn).map(run -> processes.localPorts(region, run).stream()
                .map(p -> new LocalContainerPort(p.containerName(), p.containerPort(), p.localPort())).toList())
                .orElse(List.of()));
    }

    /**
     * The operating-system processes of the task's real containers (none for a simulated task), for
     * measuring its CPU and memory. Call it under the account-region's lock.
     */
    public List<ProcessHandle> processes(AccountRegion region, TaskRun run) {
        return processes.processes(region, run);
    }

    /** Which runtime each container of the task got and why ({@code reason} is null for the runtime it asked for). */
    public List<ContainerPlacement> placements(AccountRegion region, String taskIdOrArn) {
        return region.locked(() -> Tasks.of(region).find(taskIdOrArn).map(run -> processes.placements(region, run).entrySet()
                .stream().map(e -> new ContainerPlacement(e.getKey(), e.getValue().runtime().name(), e.getValue().reason(),
                        processes.output(region, run.taskId(), e.getKey()))).toList())
                .orElse(List.of()));
    }

    /**
     * The task metadata endpoint's answer to the real container that was given {@code token}: its
     * own metadata, or with {@code wholeTask} its task's; empty for a token nobody was given or
     * whose task stopped.
     */
    public Optional<ObjectNode> taskMetadata(String token, boolean wholeTask) {
        return processes.metadataCaller(token).flatMap(caller -> store.existing(caller.accountId(), caller.region())
                .flatMap(region -> region.locked(() -> Tasks.of(region).find(caller.taskId()).map(TaskRun::task)))
                .flatMap(task -> wholeTask ? Optional.of(TaskMetadata.task(task)) : TaskMetadata.container(task, caller.containerName())));
    }

    /** Whether the task is known to this account-region (for routes that answer 404 otherwise). */
    public boolean hasTask(AccountRegion region, String taskIdOrArn) {
        return region.locked(() -> Tasks.of(region).find(taskIdOrArn).isPresent());
    }

    /** A real container's port and where it answers on this machine. */
    public record LocalContainerPort(String containerName, int containerPort, int localPort) {
    }

    /** The runtime a container got, why not the local-process one, and the last lines it wrote. */
    public record ContainerPlacement(String containerName, String runtime, String reason, List<String> lastOutputLines) {
    }

    /** Kills every real container; the emulator is closing. */
    public void killContainerProcesses() {
        processes.killAll();
    }

    /**
     * Lets the tasks' health checks reach what {@code reach} resolves beyond each task (Service
     * Connect's client aliases); without it a task reaches only itself.
     */
    public void reachWith(TaskReach reach) {
        lifecycle.reachWith(reach);
    }

    /** Keeps tasks ACTIVATING while {@code work} is under way for them (registrations with Cloud Map). */
    public void addActivationWork(ActivationWork work) {
        lifecycle.addActivationWork(work);
    }

    /** Work ECS does while a task is DEACTIVATING (a load balancer draining it), which holds it there. */
    public void addDeactivationWork(DeactivationWork work) {
        lifecycle.addDeactivationWork(work);
    }

    /** Tells {@code listener} of every task state change from now on, in every account and region. */
    public void addListener(TaskStateListener listener) {
        listeners.add(listener);
    }

    /** Starts a task: it is PROVISIONING now, and goes on by itself. */
    public Task start(AccountRegion region, TaskLaunch launch) {
        return region.locked(() -> {
            Subnet subnet = launch.instance() != null ? launch.instance().subnet() : Tasks.of(region).nextSubnet(launch.subnets());
            TaskRun run = save(region, null, NewTasks.create(region, launch, subnet, region.now()));
            scheduleNextStep(region, run);
            return run.task();
        });
    }

    /**
     * Puts a task that waits for capacity ({@link Ec2Tasks#awaitingCapacity}) on the instance
     * placement found for it; it goes on from PROVISIONING by itself. Empty when there is no such
     * task waiting (any more).
     */
    public Optional<Task> placeWaiting(AccountRegion region, String taskArn, InstancePlacement placement) {
        return region.locked(() -> Tasks.of(region).find(taskArn)
                .filter(run -> Ec2Tasks.awaitingCapacity(run.task()) && !run.stopRequested())
                .map(run -> {
                    TaskRun saved = save(region, run, run.withTask(t -> Ec2Tasks.onInstance(t, placement, placement.subnet())));
                    scheduleNextStep(region, saved);
                    return saved.task();
                }));
    }

    /**
     * Sets a task's desired status to STOPPED with {@code stopCode} and {@code reason}; the task
     * then stops by itself. Answers the task as it is at once (still RUNNING, desired STOPPED), or
     * unchanged when it was already stopping; empty when there is no such task.
     */
    public Optional<Task> stop(AccountRegion region, String taskIdOrArn, TaskStopCode stopCode, String reason) {
        return region.locked(() -> Tasks.of(region).find(taskIdOrArn).map(run -> {
            TaskRun stopping = run.requestStop(region.now(), stopCode, reason);
            if (stopping == run) {
                return run.task();
            }
            TaskRun saved = save(region, run, stopping);
            scheduleNextStep(region, saved);
            return saved.task();
        }));
    }

    /**
     * The Fargate Spot interruption switch: interrupts every FARGATE_SPOT task of the cluster whose
     * desired status is RUNNING, as when AWS takes the capacity back. Each gets desired status
     * STOPPED with stop code SpotInterruption, and its containers get SIGTERM, with their
     * {@code stopTimeout} (at most the two minutes of the warning) to exit
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
     *
     * @return the ARNs of the interrupted tasks
     */
    public List<String> interruptSpotTasks(String accountId, String regionName, String cluster) {
        // Only an account-region that holds state can have Spot tasks: looking must not create one.
        Optional<AccountRegion> existing = store.existing(accountId, regionName);
        if (existing.isEmpty()) {
            return List.of();
        }
        AccountRegion region = existing.get();
        return region.locked(() -> {
            Optional<Cluster> found = Clusters.of(region).find(cluster);
            if (found.isEmpty()) {
                return List.of();
            }
            List<String> interrupted = new ArrayList<>();
            for (TaskRun run : Tasks.of(region).inCluster(found.get().clusterArn())) {
                if (CapacityProviders.FARGATE_SPOT.equals(run.task().capacityProviderName()) && !run.stopRequested()) {
                    stop(region, run.taskArn(), TaskStopCode.SPOT_INTERRUPTION, SPOT_INTERRUPTED);
                    interrupted.add(run.taskArn());
                }
            }
            return interrupted;
        });
    }

    /**
     * Schedules the next step of every task of the account-region again, after its state was
     * loaded; the containers of tasks still running start again (real processes for Java images of
     * this ECR, see {@link TaskLifecycle#restartContainers}); a task whose container cannot start
     * again stops as a task whose container failed to start.
     */
    public void resume(AccountRegion region) {
        region.locked(() -> region.existingArea(Tasks.class).ifPresent(tasks -> List.copyOf(tasks.all()).forEach(run -> {
            TaskRun resumed = run;
            if (run.status() != TaskStatus.STOPPED && !run.stopRequested()) {
                Optional<String> failed = lifecycle.restartContainers(region, run);
                if (failed.isPresent()) {
                    LOG.warn("Task {} stops after the restart: {}", run.taskArn(), failed.get());
                    resumed = save(region, run, run.requestStop(region.now(), TaskStopCode.TASK_FAILED_TO_START, failed.get()));
                }
            }
            scheduleNextStep(region, resumed);
        })));
    }

    private void scheduleNextStep(AccountRegion region, TaskRun run) {
        Tasks tasks = Tasks.of(region);
        Optional<Instant> next = nextEventAt(region, run);
        if (next.isEmpty()) {
            tasks.cancelNextStep(run.taskId());
            return;
        }
        Instant due = next.get();
        Duration delay = Duration.between(region.now(), due);
        String taskId = run.taskId();
        EmulatorClock.Scheduled scheduled = region.schedule(delay.isNegative() ? Duration.ZERO : delay,
                () -> playUntil(region, taskId, due));
        tasks.nextStep(taskId, scheduled);
    }

    /** A task's next event: its lifecycle's, or for a STOPPED task the moment it is no longer kept. */
    private Optional<Instant> nextEventAt(AccountRegion region, TaskRun run) {
        if (run.status() == TaskStatus.STOPPED) {
            return Optional.of(run.task().stoppedAt().plus(TaskTimings.STOPPED_TASK_RETENTION));
        }
        return lifecycle.nextEventAt(region, run);
    }

    /**
     * Plays every step of the task that is due by now, each at its own instant, so that timestamps
     * are those of the steps and not of the moment the clock got to them.
     */
    private void playUntil(AccountRegion region, String taskId, Instant due) {
        Tasks tasks = Tasks.of(region);
        Optional<TaskRun> found = tasks.find(taskId);
        if (found.isEmpty()) {
            return;
        }
        Instant now = region.now();
        Instant horizon = now.isAfter(due) ? now : due;
        TaskRun run = found.get();
        for (int steps = 0; steps < MAX_STEPS_AT_ONCE; steps++) {
            Optional<Instant> next = nextEventAt(region, run);
            if (next.isEmpty() || next.get().isAfter(horizon)) {
                scheduleNextStep(region, run);
                return;
            }
            if (run.status() == TaskStatus.STOPPED) {
                tasks.remove(taskId);
                return;
            }
            TaskRun after = lifecycle.step(region, run, next.get());
            if (after.equals(run)) {
                LOG.error("The lifecycle of task {} did not move at {} ({}); it stays as it is", run.taskArn(), next.get(),
                        run.status());
                return;
            }
            run = save(region, run, after);
        }
        LOG.error("The lifecycle of task {} took over {} steps at once; it stays as it is", taskId, MAX_STEPS_AT_ONCE);
    }

    /** Keeps a task's new state: its version counted up, the cluster's counts moved, the listeners told. */
    private TaskRun save(AccountRegion region, TaskRun before, TaskRun after) {
        TaskRun saved = after;
        if (before != null && !before.task().equals(after.task())) {
            long version = before.task().version() == null ? 1 : before.task().version();
            saved = after.withTask(t -> t.version(version + 1));
        }
        Tasks.of(region).put(saved);
        processes.changed(region, before, saved);
        ClusterTaskCounts.changed(region, before == null ? null : before.task(), saved.task());
        if (before == null || changedState(before.task(), saved.task())) {
            TaskStateListener.TaskStateChange change = new TaskStateListener.TaskStateChange(region,
                    before == null ? null : before.task(), saved.task());
            for (TaskStateListener listener : listeners) {
                try {
                    listener.taskChanged(change);
                } catch (RuntimeException e) {
                    LOG.error("A task state listener failed on {}", saved.taskArn(), e);
                }
            }
        }
        return saved;
    }

    private static boolean changedState(Task before, Task after) {
        return !Objects.equals(before.lastStatus(), after.lastStatus())
                || !Objects.equals(before.desiredStatus(), after.desiredStatus())
                || before.healthStatus() != after.healthStatus();
    }
}
