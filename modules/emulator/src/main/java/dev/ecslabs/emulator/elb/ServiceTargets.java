package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.ecs.service.LoadBalancerHealth;
import dev.ecslabs.emulator.ecs.service.ServiceScheduler;
import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.ecs.task.DeactivationWork;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.TaskStateListener;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS's side of a service's {@code loadBalancers}, as the task lifecycle describes it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html):
 * a task of the service is registered with each target group (its private IP and the container
 * port) while ACTIVATING, deregistered when it is asked to stop, and held DEACTIVATING for the
 * target group's deregistration delay while it drains, before its containers are signalled.
 */
final class ServiceTargets implements TaskStateListener, DeactivationWork, LoadBalancerHealth {
    private final TargetHealthChecks healthChecks;

    ServiceTargets(TargetHealthChecks healthChecks) {
        this.healthChecks = healthChecks;
    }

    @Override
    public void taskChanged(TaskStateChange change) {
        AccountRegion region = change.region();
        Task task = change.after();
        if (change.reached(TaskStatus.ACTIVATING) && !"STOPPED".equals(task.desiredStatus())) {
            targets(region, task).forEach(target -> register(region, target));
        }
        if (change.stopRequested() || change.reached(TaskStatus.STOPPED)) {
            targets(region, task).forEach(target -> deregister(region, target));
        }
    }

    /** A task's target in one target group. */
    record ServiceTarget(String targetGroupArn, String ip, int port) {
    }

    static List<ServiceTarget> targets(AccountRegion region, Task task) {
        Optional<String> ip = TaskNetworking.privateIpv4Address(task);
        if (ip.isEmpty()) {
            return List.of();
        }
        List<ServiceTarget> targets = new ArrayList<>();
        Services.of(region).serviceOf(task).ifPresent(service -> {
            if (service.revision().hasLoadBalancers()) {
                for (LoadBalancer lb : service.revision().loadBalancers()) {
                    if (lb.targetGroupArn() != null && lb.containerPort() != null) {
                        targets.add(new ServiceTarget(lb.targetGroupArn(), ip.get(), lb.containerPort()));
                    }
                }
            }
        });
        return targets;
    }

    private void register(AccountRegion region, ServiceTarget target) {
        TargetGroups groups = TargetGroups.of(region);
        groups.find(target.targetGroupArn()).ifPresent(group -> {
            if (group.targets().stream().anyMatch(t -> t.is(target.ip(), target.port()))) {
                return;
            }
            boolean inUse = TargetUse.usage(region).containsKey(group.arn());
            List<RegisteredTarget> targets = new ArrayList<>(group.targets());
            targets.add(RegisteredTarget.registered(target.ip(), target.port(), null, inUse));
            groups.putByClock(group.withTargets(targets));
            healthChecks.ensureChecking(region, group.arn());
        });
    }

    private static void deregister(AccountRegion region, ServiceTarget target) {
        TargetGroups groups = TargetGroups.of(region);
        groups.find(target.targetGroupArn()).ifPresent(group -> {
            if (group.targets().stream().anyMatch(t -> t.is(target.ip(), target.port()) && !t.state().equals(RegisteredTarget.DRAINING))) {
                groups.putByClock(TargetActions.deregister(region, group,
                        List.of(new TargetActions.TargetKey(target.ip(), target.port()))));
            }
        });
    }

    /** The first of the task's target groups where its target is unhealthy. */
    @Override
    public Optional<String> failingTargetGroup(AccountRegion region, Task task) {
        for (ServiceTarget target : targets(region, task)) {
            Optional<TargetGroupRecord> group = TargetGroups.of(region).find(target.targetGroupArn());
            if (group.isPresent() && group.get().targets().stream()
                    .anyMatch(t -> t.is(target.ip(), target.port()) && t.state().equals(RegisteredTarget.UNHEALTHY))) {
                return Optional.of(target.targetGroupArn());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether each of the task's targets is healthy; a target group that no longer exists holds
     * nothing to wait for.
     */
    @Override
    public boolean healthyInEveryTargetGroup(AccountRegion region, Task task) {
        for (ServiceTarget target : targets(region, task)) {
            Optional<TargetGroupRecord> group = TargetGroups.of(region).find(target.targetGroupArn());
            if (group.isPresent() && group.get().targets().stream()
                    .noneMatch(t -> t.is(target.ip(), target.port()) && t.state().equals(RegisteredTarget.HEALTHY))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells the service scheduler of the task whose target turned healthy (it may now count towards
     * the deployment) or unhealthy (it is replaced).
     */
    void reportTo(ServiceScheduler scheduler, TargetHealthChecks healthChecks) {
        scheduler.loadBalancerHealth(this);
        healthChecks.onHealthChanged((region, groupArn, target) -> {
            for (TaskRun run : Tasks.of(region).all()) {
                if (target.id().equals(TaskNetworking.privateIpv4Address(run.task()).orElse(null))) {
                    scheduler.targetHealthChanged(region, run.task());
                }
            }
        });
    }

    /** DEACTIVATING lasts as long as the longest deregistration delay of the task's target groups. */
    @Override
    public Duration duration(AccountRegion region, TaskRun run) {
        Duration longest = Duration.ZERO;
        for (ServiceTarget target : targets(region, run.task())) {
            Optional<TargetGroupRecord> group = TargetGroups.of(region).find(target.targetGroupArn());
            if (group.isPresent()) {
                Duration delay = Duration.ofSeconds(group.get().deregistrationDelaySeconds());
                longest = delay.compareTo(longest) > 0 ? delay : longest;
            }
        }
        return longest;
    }
}
