package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.instance.TaskPlacement;
import dev.ecslabs.emulator.ecs.task.Ec2Tasks;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Tasks that wait for capacity: on an Auto Scaling group capacity provider with managed scaling,
 * a task that no instance of the provider has room for is created PROVISIONING all the same and
 * waits there, while managed scaling launches instances for it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/standalone-tasks.html: "When a task
 * is in the PROVISIONING state, neither the task nor the containers exist because Amazon ECS needs
 * to find compute capacity for placing the task";
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-scaling-behavior.html). Each
 * time instances change and each minute, the waiting tasks are placed, oldest first, on the
 * provider's instances (spread over zones, then instances: only tasks without placement
 * constraints or strategies of their own wait; those get AWS's failures at once).
 */
public final class CapacityWaits {
    static final List<PlacementStrategy> SPREAD = List.of(
            PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("attribute:ecs.availability-zone").build(),
            PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("instanceId").build());

    private final Fargate fargate;

    public CapacityWaits(Fargate fargate) {
        this.fargate = fargate;
    }

    /** Whether a task of this provider that finds no room waits for it (the provider scales out) rather than failing. */
    public static boolean waitsFor(AccountRegion region, String capacityProvider) {
        return capacityProvider != null && AutoScalingCapacityProviders.of(region).active(capacityProvider)
                .map(CapacityProvider::autoScalingGroupProvider)
                .filter(asg -> asg.managedScaling() != null && asg.managedScaling().status() == ManagedScalingStatus.ENABLED)
                .isPresent();
    }

    /** The tasks of the cluster waiting for room on the provider, oldest first. */
    static List<Task> waiting(AccountRegion region, Cluster cluster, String capacityProvider) {
        List<Task> waiting = new ArrayList<>();
        region.existingArea(Tasks.class).ifPresent(tasks -> {
            for (TaskRun run : tasks.inCluster(cluster.clusterArn())) {
                if (Ec2Tasks.awaitingCapacity(run.task()) && !run.stopRequested()
                        && capacityProvider.equals(run.task().capacityProviderName())) {
                    waiting.add(run.task());
                }
            }
        });
        waiting.sort(Comparator.comparing(Task::createdAt).thenComparing(Task::taskArn));
        return waiting;
    }

    /** Places what waits, where there is room now; answers whether any task was placed. */
    public boolean placeWaiting(AccountRegion region) {
        if (region.existingArea(AutoScalingCapacityProviders.class).isEmpty()) {
            return false;
        }
        boolean placed = false;
        for (Cluster cluster : Clusters.of(region).active()) {
            Map<String, List<Task>> byProvider = new TreeMap<>();
            for (String provider : cluster.capacityProviders()) {
                List<Task> waiting = waiting(region, cluster, provider);
                if (!waiting.isEmpty()) {
                    byProvider.put(provider, waiting);
                }
            }
            for (Map.Entry<String, List<Task>> entry : byProvider.entrySet()) {
                for (Task task : entry.getValue()) {
                    Optional<TaskDefinitions.Revision> definition = TaskDefinitions.of(region).findRevision(task.taskDefinitionArn());
                    if (definition.isEmpty()) {
                        continue;
                    }
                    TaskPlacement.Outcome outcome = TaskPlacement.place(region, cluster, definition.get().definition(), null, null,
                            1, task.group(), List.of(), SPREAD, List.of(),
                            Optional.of(TaskPlacement.instancesOf(region, cluster, entry.getKey())));
                    if (outcome.placed().isEmpty()) {
                        break; // the oldest waits first: the younger ones of this provider wait behind it
                    }
                    placed |= fargate.placeWaiting(region, task.taskArn(), outcome.placed().get(0)).isPresent();
                }
            }
        }
        return placed;
    }
}
