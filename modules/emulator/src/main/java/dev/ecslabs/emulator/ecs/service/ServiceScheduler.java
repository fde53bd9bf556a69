package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.ecs.capacity.WaitingTasks;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskStateListener;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * The ECS service scheduler: a reconciler on the emulator's clock that keeps each service's tasks
 * true to it. It runs for a service when something changed (a call, one of its tasks reaching
 * RUNNING, becoming HEALTHY or UNHEALTHY, being stopped) or when a moment it waits for comes (a
 * task counting as healthy, a health check grace period ending, a throttled launch); a service
 * with nothing to do has nothing scheduled, so an idle emulator does no work. Each run: stops
 * tasks that failed their health checks, lets the {@link CircuitBreaker} judge the PRIMARY
 * deployment, applies the {@link RollingUpdate} plan (stop, start), retires drained deployments,
 * and reports COMPLETED and steady state (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html).
 */
public final class ServiceScheduler {
    /** The stoppedReason of a task the scheduler stops because its container health checks failed. */
    static final String FAILED_HEALTH_CHECKS = "Task failed container health checks";
    /** After this many tasks in a row never reached RUNNING, launches are throttled. */
    static final int THROTTLE_AFTER = 3;
    static final Duration FIRST_THROTTLE_DELAY = Duration.ofSeconds(30);
    /** "the time between subsequent restart attempts is incrementally increased up to a maximum of 27 minutes" */
    static final Duration MAX_THROTTLE_DELAY = Duration.ofMinutes(27);
    /** What a launch type without container instances reports (this emulator runs Fargate only). */
    static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";

    private final Fargate fargate;
    private volatile LoadBalancerHealth loadBalancerHealth = LoadBalancerHealth.NONE;

    /** Runs the services' tasks on {@code fargate} and hears every change of them from now on. */
    public ServiceScheduler(Fargate fargate) {
        this.fargate = fargate;
        fargate.addListener(this::taskChanged);
    }

    /**
     * Reconciles every service of the account-region that is not INACTIVE, after its state was
     * restored: each works out from its tasks' own timestamps what is due now and what later.
     */
    public void resume(AccountRegion region) {
        region.locked(() -> region.existingArea(Services.class).ifPresent(services -> services.all().stream()
                .filter(record -> !ServiceRecord.INACTIVE.equals(record.status()))
                .forEach(record -> reconcileSoon(region, record))));
    }

    /** Where the health of tasks behind load balancers comes from (Elastic Load Balancing's target health). */
    public void loadBalancerHealth(LoadBalancerHealth health) {
        this.loadBalancerHealth = health;
    }

    /**
     * A target of {@code task} turned healthy or unhealthy: its service looks again soon, and a task
     * now healthy in every target group (and HEALTHY, if it has a container health check) starts the
     * circuit breaker's count again, as a healthy task does. Call it under the account-region's lock.
     */
    public void targetHealthChanged(AccountRegion region, Task task) {
        Services.of(region).serviceOf(task).flatMap(owner -> Services.of(region).all().stream()
                .filter(record -> record.arn().equals(owner.serviceArn())).findFirst())
                .ifPresent(record -> {
                    boolean containersHealthy = !ServiceTaskStates.hasHealthCheck(region, task.taskDefinitionArn())
                            || task.healthStatus() == HealthStatus.HEALTHY;
                    if (TaskStatus.RUNNING.name().equals(task.lastStatus()) && containersHealthy
                            && loadBalancerHealth.healthyInEveryTargetGroup(region, task)) {
                        record.deployment(task.startedBy()).ifPresent(DeploymentRecord::taskHealthy);
                    }
                    reconcileSoon(region, record);
                });
    }

    /**
     * An ACTIVE service as Application Auto Scaling sees it (by cluster and service name): its
     * desiredCount and runningCount as DescribeServices shows them. Call it under the lock.
     */
    public Optional<Service> activeService(AccountRegion region, String clusterName,
                                                                                    String serviceName) {
        return activeRecord(region, clusterName, serviceName).map(record -> ServiceViews.of(region, record, false));
    }

    /**
     * Sets an ACTIVE service's desiredCount as UpdateService does, and reconciles it: what
     * Application Auto Scaling calls when it scales (its service-linked role's ecs:UpdateService).
     * Answers false when there is no such ACTIVE service. Call it under the lock.
     */
    public boolean setDesiredCount(AccountRegion region, String clusterName, String serviceName, int desiredCount) {
        Optional<ServiceRecord> record = activeRecord(region, clusterName, serviceName);
        if (record.isEmpty()) {
            return false;
        }
        Cluster cluster = Clusters.of(region).requireActive(clusterName);
        ServiceUpdates.apply(region, cluster, record.get(), UpdateServiceRequest.builder()
                .cluster(clusterName).service(serviceName).desiredCount(desiredCount).build(), region.now());
        reconcileSoon(region, record.get());
        return true;
    }

    private static Optional<ServiceRecord> activeRecord(AccountRegion region, String clusterName, String serviceName) {
        return Clusters.of(region).find(clusterName)
                .filter(cluster -> Clusters.ACTIVE.equals(cluster.status()))
                .flatMap(cluster -> region.existingArea(Services.class).flatMap(services -> services.find(cluster.clusterArn(), serviceName)))
                .filter(ServiceRecord::isActive);
    }

    /** Reconciles the service as soon as the clock gets to it (never inside the calling step). */
    void reconcileSoon(AccountRegion region, ServiceRecord record) {
        reconcileAt(region, record, region.now());
    }

    /** Reconciles the service at {@code at}, unless a reconciliation is already due by then. */
    void reconcileAt(AccountRegion region, ServiceRecord record, Instant at) {
        Optional<Instant> scheduled = record.nextReconcileAt();
        if (scheduled.isPresent() && !scheduled.get().isAfter(at)) {
            return;
        }
        Duration delay = Duration.between(region.now(), at);
        EmulatorClock.Scheduled step = region.schedule(delay.isNegative() ? Duration.ZERO : delay,
                () -> reconcile(region, record));
        record.nextReconcile(step, at);
    }

    private void reconcile(AccountRegion region, ServiceRecord record) {
        record.reconcileStarted();
        if (!Services.of(region).holds(record)) {
            return;
        }
        Fargate capacity = fargate;
        Instant now = region.now();
        ServiceTaskStates.forgetStopped(region, record);
        if (ServiceRecord.DRAINING.equals(record.status())) {
            drain(capacity, region, record, now);
        } else if (record.isActive()) {
            maintain(capacity, region, record, now);
        }
    }

    private void maintain(Fargate capacity, AccountRegion region, ServiceRecord record, Instant now) {
        if (record.external()) {
            TaskSetScheduling.maintain(capacity, region, record, now);
            return;
        }
        LaunchType launchType = record.service().launchType();
        if (record.service().schedulingStrategy() == SchedulingStrategy.DAEMON) {
            // A daemon service wants one task on each ACTIVE container instance its constraints allow.
            int instances = ServiceEc2Launches.daemonCount(region, record);
            if (instances != record.desiredCount()) {
                record.service(record.service().toBuilder().desiredCount(instances).build());
                record.primary().desiredCount(instances, now);
            }
        }
        if (launchType != null && launchType != LaunchType.FARGATE && launchType != LaunchType.EC2) {
            // EXTERNAL or Managed Instances: no container instances to place tasks on. ECS says so in the
            // events (once, as it omits repeats) and waits.
            if (record.desiredCount() > 0) {
                record.events().add(now, ServiceEvents.unableToPlace(record.name(), NO_CONTAINER_INSTANCES));
            }
            return;
        }
        ServiceTaskStates tasks = ServiceTaskStates.of(region, record, loadBalancerHealth);
        int replacedUnhealthy = stopUnhealthy(capacity, region, record, tasks, now);
        if (replacedUnhealthy > 0) {
            tasks = ServiceTaskStates.of(region, record, loadBalancerHealth);
        }
        CircuitBreaker.check(record, now);
        Optional<Instant> pausedUntil = PauseHooks.pausedUntil(record, now);
        if (pausedUntil.isPresent()) {
            reconcileAt(region, record, pausedUntil.get());
            return;
        }
        DeploymentRecord primary = record.primary();
        boolean mayLaunch = primary.rolloutState() != DeploymentRolloutState.FAILED
                && (primary.nextLaunchAt() == null || !now.isBefore(primary.nextLaunchAt()));
        RollingUpdate.Plan plan = RollingUpdate.plan(record.desiredCount(), Deployments.minimumHealthyPercent(record.service()),
                Deployments.maximumPercent(record.service()), primary.id(), mayLaunch,
                tasks.forRollingUpdate(now, TaskProtections.of(region)));
        stop(capacity, region, record, plan.stop(), now);
        start(capacity, region, record, primary, plan.start(), tasks, replacedUnhealthy, now);
        ServiceTaskStates after = ServiceTaskStates.of(region, record, loadBalancerHealth);
        record.deployments().removeIf(d -> !d.isPrimary() && after.ofDeployment(d.id()).isEmpty());
        if (PauseHooks.pauseAfterScaleUp(record, after, now)) {
            reconcileAt(region, record, PauseHooks.pausedUntil(record, now).orElse(now));
            return;
        }
        Deployments.settle(record, after, now);
        wakeUpForTime(region, record, after, now);
    }

    /** Stops the live tasks that failed their container health checks, once the grace period after their start is over. */
    private int stopUnhealthy(Fargate capacity, AccountRegion region, ServiceRecord record, ServiceTaskStates tasks,
                              Instant now) {
        Duration grace = Deployments.healthCheckGracePeriod(record.service());
        int stopped = 0;
        for (ServiceTaskStates.TaskState task : tasks.live()) {
            if (task.unhealthy() && !now.isBefore(task.task().startedAt().plus(grace))) {
                capacity.stop(region, task.task().taskArn(), TaskStopCode.SERVICE_SCHEDULER_INITIATED, FAILED_HEALTH_CHECKS);
                record.deployment(task.deploymentId()).ifPresent(d -> d.taskFailed(false));
                record.events().add(now, ServiceEvents.failedHealthChecks(record.name(), task.taskId()));
                record.events().add(now, ServiceEvents.stopped(record.name(), List.of(task.taskId())));
                stopped++;
                continue;
            }
            Optional<String> failing = task.task().startedAt() == null ? Optional.empty()
                    : loadBalancerHealth.failingTargetGroup(region, task.task());
            if (failing.isPresent() && now.isBefore(task.task().startedAt().plus(grace))) {
                reconcileAt(region, record, task.task().startedAt().plus(grace)); // look again when the grace period ends
            } else if (failing.isPresent()) {
                // AWS's words: "Task failed ELB health checks in (target-group arn:…)" and the service event
                capacity.stop(region, task.task().taskArn(), TaskStopCode.SERVICE_SCHEDULER_INITIATED,
                        "Task failed ELB health checks in (target-group " + failing.get() + ")");
                record.deployment(task.deploymentId()).ifPresent(d -> d.taskFailed(false));
                record.events().add(now, ServiceEvents.failedElbHealthChecks(record.name(), task.taskId(), failing.get()));
                record.events().add(now, ServiceEvents.stopped(record.name(), List.of(task.taskId())));
                stopped++;
            }
        }
        return stopped;
    }

    private void stop(Fargate capacity, AccountRegion region, ServiceRecord record, List<RollingUpdate.LiveTask> tasks,
                      Instant now) {
        if (tasks.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (RollingUpdate.LiveTask task : tasks) {
            // ECS's reason for the tasks a deployment scales in or replaces (a task set's own, in an EXTERNAL service).
            String initiator = record.deployments().isEmpty() ? task.deploymentId() : record.primary().id();
            String reason = "Scaling activity initiated by (deployment " + initiator + ")";
            capacity.stop(region, task.taskArn(), TaskStopCode.SERVICE_SCHEDULER_INITIATED, reason);
            ids.add(idOf(task.taskArn()));
        }
        record.events().add(now, ServiceEvents.stopped(record.name(), ids));
    }

    private void start(Fargate capacity, AccountRegion region, ServiceRecord record, DeploymentRecord primary, int count,
                       ServiceTaskStates tasks, int replacedUnhealthy, Instant now) {
        if (count <= 0) {
            // No task waits for room any more (on an Auto Scaling group capacity provider's instances).
            WaitingTasks.of(region).clear(record.arn());
            return;
        }
        ServiceTaskLaunches.start(capacity, region, record, primary, count, tasks, replacedUnhealthy, now);
    }

    /**
     * A deleted service stops all its tasks; it is INACTIVE once every task is STOPPING or STOPPED
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteService.html).
     */
    private void drain(Fargate capacity, AccountRegion region, ServiceRecord record, Instant now) {
        WaitingTasks.of(region).clear(record.arn());
        ServiceTaskStates tasks = ServiceTaskStates.of(region, record);
        List<RollingUpdate.LiveTask> live = tasks.forRollingUpdate(now, TaskProtections.of(region));
        stop(capacity, region, record, live, now);
        boolean drained = ServiceTaskStates.of(region, record).all().stream()
                .allMatch(task -> task.status().ordinal() >= TaskStatus.STOPPING.ordinal());
        if (drained) {
            record.service(record.service().toBuilder().status(ServiceRecord.INACTIVE).build());
        }
    }

    /** Schedules the next reconciliation for the moments the scheduler waits for; nothing when it waits for none. */
    private void wakeUpForTime(AccountRegion region, ServiceRecord record, ServiceTaskStates tasks, Instant now) {
        Duration grace = Deployments.healthCheckGracePeriod(record.service());
        Instant next = null;
        for (ServiceTaskStates.TaskState task : tasks.live()) {
            if (task.running() && !task.hasHealthCheck()) {
                next = later(now, next, task.healthyAt().orElse(null));
            }
            if (task.unhealthy()) {
                next = later(now, next, task.task().startedAt().plus(grace));
            }
            // A protected task may be one the scheduler keeps only for its protection: look again when it ends.
            next = later(now, next, TaskProtections.of(region).expiresAt(task.task().taskArn(), now).orElse(null));
        }
        DeploymentRecord primary = record.primary();
        if (primary.nextLaunchAt() != null && tasks.ofDeployment(primary.id()).stream().filter(ServiceTaskStates.TaskState::live)
                .count() < record.desiredCount()) {
            next = later(now, next, primary.nextLaunchAt());
        }
        if (next != null) {
            reconcileAt(region, record, next);
        }
    }

    /** The earlier of {@code next} and {@code candidate}, counting only candidates still ahead of {@code now}. */
    private static Instant later(Instant now, Instant next, Instant candidate) {
        if (candidate == null || !candidate.isAfter(now)) {
            return next;
        }
        return next == null || candidate.isBefore(next) ? candidate : next;
    }

    /**
     * Hears a change of one of the services' tasks: counts a task that failed to start (and
     * throttles launches after too many), starts the circuit breaker's count again on a
     * healthy task, forgets a STOPPED one, and reconciles the service when it matters.
     */
    private void taskChanged(TaskStateListener.TaskStateChange change) {
        AccountRegion region = change.region();
        Task task = change.after();
        Optional<ServiceRecord> owner = region.existingArea(Services.class).flatMap(services -> services.tracking(task));
        if (owner.isEmpty()) {
            return;
        }
        ServiceRecord record = owner.get();
        Instant now = region.now();
        Optional<DeploymentRecord> deployment = record.deployment(task.startedBy());
        boolean matters = false;
        if (change.stopRequested()) {
            matters = true;
            if (task.startedAt() == null && (task.stopCode() == TaskStopCode.TASK_FAILED_TO_START
                    || task.stopCode() == TaskStopCode.ESSENTIAL_CONTAINER_EXITED)) {
                record.events().add(now, ServiceEvents.unableToPlaceTask(record.name(), task.stoppedReason()));
                deployment.ifPresent(d -> failedToStart(record, d, now));
            }
        }
        if (change.reached(TaskStatus.RUNNING)) {
            matters = true;
            deployment.ifPresent(d -> {
                d.taskRan();
                // Behind a load balancer a task is healthy once its targets are (targetHealthChanged), not on RUNNING:
                // one that never passes the load balancer's health checks is a failed task for the circuit breaker.
                if (!ServiceTaskStates.hasHealthCheck(region, task.taskDefinitionArn())
                        && !ServiceTaskStates.behindLoadBalancer(record, task)) {
                    d.taskHealthy();
                }
            });
        }
        if (change.healthChanged()) {
            matters = true;
            if (task.healthStatus() == HealthStatus.HEALTHY && loadBalancerHealth.healthyInEveryTargetGroup(region, task)) {
                deployment.ifPresent(DeploymentRecord::taskHealthy);
            }
        }
        if (change.before() != null && TaskStatus.of(change.before().lastStatus()).ordinal() < TaskStatus.STOPPING.ordinal()
                && TaskStatus.of(task.lastStatus()).ordinal() >= TaskStatus.STOPPING.ordinal()) {
            matters = true;
        }
        if (change.reached(TaskStatus.STOPPED)) {
            record.taskArns().remove(task.taskArn());
            matters = true;
        }
        if (matters) {
            reconcileSoon(region, record);
        }
    }

    /**
     * The service throttle logic: after {@value #THROTTLE_AFTER} tasks in a row never reached
     * RUNNING, launches wait, twice as long each round of failures, up to 27 minutes
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-throttle-logic.html).
     */
    private static void failedToStart(ServiceRecord record, DeploymentRecord deployment, Instant now) {
        deployment.taskFailed(true);
        int beyond = deployment.startFailures() - THROTTLE_AFTER;
        if (beyond < 0) {
            return;
        }
        int rounds = Math.min(20, beyond / Math.max(1, record.desiredCount()));
        Duration delay = FIRST_THROTTLE_DELAY.multipliedBy(1L << rounds);
        deployment.throttleUntil(now.plus(delay.compareTo(MAX_THROTTLE_DELAY) > 0 ? MAX_THROTTLE_DELAY : delay));
        record.events().add(now, ServiceEvents.unableToConsistentlyStart(record.name()));
    }

    private static String idOf(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
