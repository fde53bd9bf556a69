package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.autoscaling.groups.AutoScalingGroupActions;
import dev.ecslabs.emulator.autoscaling.groups.AutoScalingGroupRecord;
import dev.ecslabs.emulator.autoscaling.groups.AutoScalingGroups;
import dev.ecslabs.emulator.autoscaling.groups.GroupInstances;
import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.metrics.Metrics;
import dev.ecslabs.emulator.ecs.instance.ContainerInstanceViews;
import dev.ecslabs.emulator.ecs.instance.InstanceTypes;
import dev.ecslabs.emulator.ecs.instance.TaskPlacement;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS cluster auto scaling, each minute, for every Auto Scaling group capacity provider with
 * managed scaling that is associated with a cluster
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-auto-scaling.html):
 * {@code CapacityProviderReservation = M / N × 100}, N the group's instances, M the instances
 * needed: those running tasks, plus, when tasks wait for room ({@link WaitingTasks}), as many
 * more as their CPU and memory fill (at least one); with N = 0 it is 200 when tasks wait, else
 * 100. It is published to CloudWatch ({@value #NAMESPACE}, dimensions CapacityProviderName and
 * ClusterName), and the group's desired capacity follows it as the target tracking policy ECS
 * makes would: out at once to {@code ceil(M × 100 / targetCapacity)} in steps of
 * minimumScalingStepSize to maximumScalingStepSize (not again while launched instances are still
 * Pending), in only after {@value #SCALE_IN_MINUTES} minutes in a row below the target. With
 * managed termination protection, instances running tasks are protected from scale in and idle
 * ones are not, so scale in only ever ends idle instances.
 */
public final class ManagedScaling implements EveryMinute.Step {
    public static final String NAMESPACE = "AWS/ECS/ManagedScaling";
    public static final String METRIC = "CapacityProviderReservation";
    /** The scale-in alarm of ECS's target tracking policy wants 15 datapoints of one minute below the target. */
    static final int SCALE_IN_MINUTES = 15;

    private final AutoScalingGroupActions groups;
    private final ProviderInstances agents;
    private final CapacityWaits waits;
    private final Map<String, Integer> minutesBelow = new ConcurrentHashMap<>();

    public ManagedScaling(AutoScalingGroupActions groups, ProviderInstances agents, CapacityWaits waits) {
        this.groups = groups;
        this.agents = agents;
        this.waits = waits;
    }

    @Override
    public boolean run(AccountRegion region, Instant minute) {
        Optional<AutoScalingCapacityProviders> providers = region.existingArea(AutoScalingCapacityProviders.class);
        if (providers.isEmpty()) {
            return false;
        }
        waits.placeWaiting(region);
        boolean needed = false;
        for (CapacityProvider provider : providers.get().all()) {
            if (provider.status() != CapacityProviderStatus.ACTIVE) {
                continue;
            }
            Optional<AutoScalingGroupRecord> group = AutoScalingGroups.of(region).find(
                    provider.autoScalingGroupProvider().autoScalingGroupArn());
            if (group.isEmpty()) {
                continue;
            }
            needed = true;
            agents.registerWaiting(region, group.get(), i -> GroupInstances.subnetOf(region, group.get().group(), i));
            if (provider.autoScalingGroupProvider().managedTerminationProtection() == ManagedTerminationProtection.ENABLED) {
                protectBusyInstances(region, group.get());
            }
            Optional<Cluster> cluster = AutoScalingCapacityProviders.clusterOf(region, provider.name());
            if (cluster.isPresent() && provider.autoScalingGroupProvider().managedScaling().status() == ManagedScalingStatus.ENABLED) {
                scale(region, minute, provider, cluster.get(), AutoScalingGroups.of(region).require(group.get().name()).group());
            }
        }
        return needed;
    }

    private void scale(AccountRegion region, Instant minute, CapacityProvider provider, Cluster cluster, AutoScalingGroup group) {
        List<Instance> live = group.instances().stream().filter(GroupInstances::live).toList();
        boolean booting = live.stream().anyMatch(i -> i.lifecycleState() == LifecycleState.PENDING);
        int n = live.size();
        int busy = (int) live.stream().filter(i -> busy(region, i)).count();
        int m = busy;
        Map<String, WaitingTasks.Waiting> waiting = new HashMap<>(WaitingTasks.of(region).of(provider.name()));
        for (Task task : CapacityWaits.waiting(region, cluster, provider.name())) {
            // A PROVISIONING task waiting for room is one more task to make room for.
            TaskDefinitions.of(region).findRevision(task.taskDefinitionArn()).ifPresent(r -> {
                int[] one = TaskPlacement.reservation(r.definition());
                waiting.put(task.taskArn(), new WaitingTasks.Waiting(1, one[0], one[1]));
            });
        }
        if (!waiting.isEmpty()) {
            // Launched instances will take the waiting tasks: count them as needed, no more, while they boot.
            m = booting ? Math.max(n, busy) : Math.max(n, busy) + extraInstances(group, waiting);
        }
        double reservation = n == 0 ? (m > 0 ? 200 : 100) : 100.0 * m / n;
        List<Dimension> dimensions = List.of(Dimension.builder().name("CapacityProviderName").value(provider.name()).build(),
                Dimension.builder().name("ClusterName").value(cluster.clusterName()).build());
        Metrics.of(region).publish(NAMESPACE, METRIC, dimensions, minute.minusSeconds(60), false, 1, reservation, reservation,
                reservation, "Percent");
        var scaling = provider.autoScalingGroupProvider().managedScaling();
        int wanted = m == 0 ? 0 : (int) Math.ceil(m * 100.0 / scaling.targetCapacity());
        String key = region.accountId() + "/" + region.region() + "/" + provider.name();
        if (wanted > n) {
            minutesBelow.remove(key);
            int step = Math.max(scaling.minimumScalingStepSize(), Math.min(scaling.maximumScalingStepSize(), wanted - n));
            int desired = Math.min(group.maxSize(), n + step);
            if (desired > group.desiredCapacity()) {
                groups.setDesired(region, group.autoScalingGroupName(), desired);
            }
        } else if (wanted < n) {
            int below = minutesBelow.merge(key, 1, Integer::sum);
            if (below >= SCALE_IN_MINUTES) {
                minutesBelow.remove(key);
                int desired = Math.max(group.minSize(), wanted);
                if (desired < group.desiredCapacity()) {
                    groups.setDesired(region, group.autoScalingGroupName(), desired);
                }
            }
        } else {
            minutesBelow.remove(key);
        }
    }

    /** How many more instances of the group's type the waiting tasks fill, by CPU and by memory; at least one. */
    private static int extraInstances(AutoScalingGroup group, Map<String, WaitingTasks.Waiting> waiting) {
        InstanceTypes.InstanceType type = InstanceTypes.find(GroupInstances.instanceType(group)).orElseThrow();
        long cpu = 0;
        long memory = 0;
        for (WaitingTasks.Waiting w : waiting.values()) {
            cpu += (long) w.count() * w.cpu();
            memory += (long) w.count() * w.memory();
        }
        int byCpu = (int) Math.ceil((double) cpu / type.cpuUnits());
        int byMemory = (int) Math.ceil((double) memory / type.registeredMemoryMib());
        return Math.max(1, Math.max(byCpu, byMemory));
    }

    private static boolean busy(AccountRegion region, Instance instance) {
        return ProviderInstances.containerInstance(region, instance.instanceId())
                .map(ci -> !ContainerInstanceViews.tasksOn(region, ci).isEmpty()).orElse(false);
    }

    /** Managed termination protection: instances running tasks are protected from scale in, idle ones not. */
    private void protectBusyInstances(AccountRegion region, AutoScalingGroupRecord group) {
        List<String> protect = new ArrayList<>();
        List<String> release = new ArrayList<>();
        for (Instance instance : group.group().instances()) {
            if (instance.lifecycleState() != LifecycleState.IN_SERVICE) {
                continue;
            }
            boolean busy = busy(region, instance);
            if (busy && !Boolean.TRUE.equals(instance.protectedFromScaleIn())) {
                protect.add(instance.instanceId());
            } else if (!busy && Boolean.TRUE.equals(instance.protectedFromScaleIn())) {
                release.add(instance.instanceId());
            }
        }
        if (!protect.isEmpty()) {
            groups.setProtection(region, group.name(), protect, true);
        }
        if (!release.isEmpty()) {
            groups.setProtection(region, group.name(), release, false);
        }
    }
}
