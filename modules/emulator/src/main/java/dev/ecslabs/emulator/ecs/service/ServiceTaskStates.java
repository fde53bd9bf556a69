package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The tasks of one service as the scheduler sees them at one instant, read from the Fargate
 * tasks themselves so that the counts are always true to them: which are live (desired RUNNING,
 * not yet STOPPED), PENDING (before RUNNING), RUNNING, stopping, and which count as healthy: a
 * task whose essential containers have health checks once it is HEALTHY, any other task 40
 * seconds after it reached RUNNING ("If a task has no essential containers with a health check
 * defined, the service scheduler will wait for 40 seconds after a task reaches a RUNNING state
 * before the task is counted towards the minimum healthy percent total",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 * A task of a service behind load balancers counts only once its target is healthy in each target
 * group, and then at once: the load balancer's health check takes the place of the 40 seconds
 * (same page: "For services that do use a load balancer …").
 */
final class ServiceTaskStates {
    static final Duration HEALTHY_WITHOUT_HEALTH_CHECK = Duration.ofSeconds(40);

    /**
     * One task of the service, whether its task definition has a container health check, whether
     * its service sends it traffic from load balancers, and whether its targets are all healthy.
     */
    record TaskState(Task task, boolean hasHealthCheck, boolean behindLoadBalancer, boolean targetsHealthy) {

        TaskState(Task task, boolean hasHealthCheck) {
            this(task, hasHealthCheck, false, true);
        }

        String deploymentId() {
            return task.startedBy();
        }

        String taskId() {
            return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        }

        TaskStatus status() {
            return TaskStatus.of(task.lastStatus());
        }

        /** Meant to run: its desired status is RUNNING. */
        boolean live() {
            return TaskStatus.RUNNING.name().equals(task.desiredStatus()) && status() != TaskStatus.STOPPED;
        }

        /** Counted in {@code pendingCount}: on its way to RUNNING and meant to get there. */
        boolean pending() {
            return live() && status().isPending();
        }

        /** Counted in {@code runningCount}: in the RUNNING state. */
        boolean running() {
            return status() == TaskStatus.RUNNING;
        }

        /** Asked to stop, not STOPPED yet. */
        boolean stopping() {
            return !live() && status() != TaskStatus.STOPPED;
        }

        boolean unhealthy() {
            return live() && running() && task.healthStatus() == HealthStatus.UNHEALTHY;
        }

        /** When it counts (or counted) as healthy; empty while that depends on a health check yet to pass. */
        Optional<Instant> healthyAt() {
            if (task.startedAt() == null || (behindLoadBalancer && !targetsHealthy)) {
                return Optional.empty();
            }
            if (hasHealthCheck) {
                return task.healthStatus() == HealthStatus.HEALTHY ? Optional.of(task.startedAt()) : Optional.empty();
            }
            // Behind a load balancer its healthy targets are the proof; without one, 40 s RUNNING are.
            return Optional.of(behindLoadBalancer ? task.startedAt() : task.startedAt().plus(HEALTHY_WITHOUT_HEALTH_CHECK));
        }

        RollingUpdate.Readiness readiness(Instant now) {
            if (!running()) {
                return RollingUpdate.Readiness.PENDING;
            }
            if (unhealthy()) {
                return RollingUpdate.Readiness.UNHEALTHY;
            }
            return healthyAt().filter(at -> !at.isAfter(now)).isPresent() ? RollingUpdate.Readiness.HEALTHY
                    : RollingUpdate.Readiness.STARTING;
        }
    }

    private final List<TaskState> tasks;

    private ServiceTaskStates(List<TaskState> tasks) {
        this.tasks = tasks;
    }

    /** The service's tasks now, their load balancers' health left out (for counts); reads only. */
    static ServiceTaskStates of(AccountRegion region, ServiceRecord record) {
        return of(region, record, LoadBalancerHealth.NONE);
    }

    /** The service's tasks now, with what {@code loadBalancers} say of their targets; reads only (a read never changes state). */
    static ServiceTaskStates of(AccountRegion region, ServiceRecord record, LoadBalancerHealth loadBalancers) {
        Tasks all = Tasks.of(region);
        TaskDefinitions definitions = TaskDefinitions.of(region);
        Map<String, Boolean> healthChecked = new HashMap<>();
        List<TaskState> states = new ArrayList<>();
        for (String arn : record.taskArns()) {
            Optional<Task> task = all.find(arn).map(TaskRun::task);
            if (task.isEmpty() || TaskStatus.STOPPED.name().equals(task.get().lastStatus())) {
                continue;
            }
            boolean hasHealthCheck = healthChecked.computeIfAbsent(task.get().taskDefinitionArn(),
                    definition -> hasHealthCheck(definitions, definition));
            boolean behind = loadBalancers != LoadBalancerHealth.NONE && behindLoadBalancer(record, task.get());
            states.add(new TaskState(task.get(), hasHealthCheck, behind,
                    !behind || loadBalancers.healthyInEveryTargetGroup(region, task.get())));
        }
        return new ServiceTaskStates(states);
    }

    /** Whether the task's deployment has load balancers: its revision's {@code loadBalancers}. */
    static boolean behindLoadBalancer(ServiceRecord record, Task task) {
        return record.deployment(task.startedBy()).map(d -> d.revision().hasLoadBalancers()
                && !d.revision().loadBalancers().isEmpty()).orElse(false);
    }

    /** Whether the task definition has an essential container with a health check (then "healthy" means HEALTHY). */
    static boolean hasHealthCheck(AccountRegion region, String taskDefinitionArn) {
        return hasHealthCheck(TaskDefinitions.of(region), taskDefinitionArn);
    }

    private static boolean hasHealthCheck(TaskDefinitions definitions, String taskDefinitionArn) {
        return definitions.find(taskDefinitionArn)
                .map(definition -> definition.containerDefinitions().stream()
                        .anyMatch(c -> !Boolean.FALSE.equals(c.essential()) && c.healthCheck() != null))
                .orElse(false);
    }

    /**
     * Forgets the tasks that are STOPPED or no longer known (a restart that kept the service but
     * lost its tasks): they are no longer the service's, and the scheduler replaces them.
     */
    static void forgetStopped(AccountRegion region, ServiceRecord record) {
        Tasks all = Tasks.of(region);
        for (Iterator<String> arns = record.taskArns().iterator(); arns.hasNext(); ) {
            Optional<Task> task = all.find(arns.next()).map(TaskRun::task);
            if (task.isEmpty() || TaskStatus.STOPPED.name().equals(task.get().lastStatus())) {
                arns.remove();
            }
        }
    }

    List<TaskState> all() {
        return tasks;
    }

    List<TaskState> live() {
        return tasks.stream().filter(TaskState::live).toList();
    }

    List<TaskState> ofDeployment(String deploymentId) {
        return tasks.stream().filter(t -> deploymentId.equals(t.deploymentId())).toList();
    }

    int pendingCount(String deploymentId) {
        return (int) ofDeployment(deploymentId).stream().filter(TaskState::pending).count();
    }

    int runningCount(String deploymentId) {
        return (int) ofDeployment(deploymentId).stream().filter(TaskState::running).count();
    }

    int pendingCount() {
        return (int) tasks.stream().filter(TaskState::pending).count();
    }

    int runningCount() {
        return (int) tasks.stream().filter(TaskState::running).count();
    }

    boolean anyStopping() {
        return tasks.stream().anyMatch(TaskState::stopping);
    }

    /** The live tasks as the rolling update weighs them, with their scale-in protection at {@code now}. */
    List<RollingUpdate.LiveTask> forRollingUpdate(Instant now, TaskProtections protections) {
        return live().stream().map(t -> new RollingUpdate.LiveTask(t.task().taskArn(), String.valueOf(t.deploymentId()),
                t.readiness(now), t.task().createdAt(), protections.isProtected(t.task().taskArn(), now))).toList();
    }
}
