package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.capacity.CapacityWaits;
import dev.ecslabs.emulator.ecs.capacity.WaitingTasks;
import dev.ecslabs.emulator.ecs.instance.ClusterQuery;
import dev.ecslabs.emulator.ecs.instance.ContainerInstances;
import dev.ecslabs.emulator.ecs.instance.QueryTargets;
import dev.ecslabs.emulator.ecs.instance.TaskPlacement;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectProxy;
import dev.ecslabs.emulator.ecs.task.InstancePlacement;
import dev.ecslabs.emulator.ecs.task.TaskLaunch;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * A service's tasks on the EC2 launch type: placed by {@link TaskPlacement} with the service's
 * constraints and strategies (by default spread over Availability Zones, then instances, as ECS
 * does for services); a DAEMON service places one task on each instance, through an implicit
 * distinctInstance. A task that fits nowhere is reported in the service's events as ECS words it:
 * "was unable to place a task because no container instance met all of its requirements. The
 * closest matching container-instance … has insufficient memory available."
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html).
 */
final class ServiceEc2Launches {
    static final List<PlacementStrategy> SERVICE_DEFAULT = List.of(
            PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("attribute:ecs.availability-zone").build(),
            PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("instanceId").build());

    private ServiceEc2Launches() {
    }

    /**
     * The launches of the tasks placement found room for; {@code capacityProvider} names the Auto
     * Scaling group provider whose instances take them (null for the EC2 launch type), which then
     * hears how many wait for room ({@link WaitingTasks}, what its managed scaling acts on).
     */
    static List<TaskLaunch> of(AccountRegion region, ServiceRecord record, DeploymentRecord deployment, Cluster cluster,
                               TaskDefinitions.Revision definition, int count, List<Tag> tags, String capacityProvider) {
        Service service = record.service();
        ServiceRevision revision = deployment.revision();
        boolean awsvpc = definition.definition().networkMode() == NetworkMode.AWSVPC;
        List<Subnet> subnets = awsvpc ? TaskNetworking.subnets(region, revision.networkConfiguration()) : List.of();
        String group = "service:" + service.serviceName();
        TaskPlacement.Outcome outcome = TaskPlacement.place(region, cluster, definition.definition(), null, null, count, group,
                constraints(service), strategies(service), subnets, capacityProvider == null ? Optional.empty()
                        : Optional.of(TaskPlacement.instancesOf(region, cluster, capacityProvider)));
        List<TaskLaunch> launches = new ArrayList<>();
        boolean execute = Boolean.TRUE.equals(service.enableExecuteCommand());
        outcome.placed().forEach(placement -> launches.add(new TaskLaunch(cluster,
                ServiceConnectProxy.addTo(definition.definition(), revision.serviceConnectConfiguration()), capacityProvider, subnets, null,
                deployment.id(), group, tags, execute, null, placement)));
        int unplaced = count - outcome.placed().size();
        if (unplaced > 0 && CapacityWaits.waitsFor(region, capacityProvider) && !awsvpc && service.placementConstraints().isEmpty()
                && service.placementStrategy().isEmpty()) {
            // Managed scaling adds room for them: they wait PROVISIONING (CapacityWaits) instead of going unplaced.
            for (int i = 0; i < unplaced; i++) {
                launches.add(new TaskLaunch(cluster, ServiceConnectProxy.addTo(definition.definition(),
                        revision.serviceConnectConfiguration()), capacityProvider, subnets, null, deployment.id(), group, tags,
                        execute, null, InstancePlacement.AWAITING));
            }
            WaitingTasks.of(region).clear(record.arn());
            return launches;
        }
        outcome.closest().ifPresent(failure -> record.events().add(region.now(), unableToPlace(service.serviceName(), failure)));
        if (capacityProvider != null) {
            int[] one = TaskPlacement.reservation(definition.definition());
            WaitingTasks.of(region).set(capacityProvider, record.arn(),
                    new WaitingTasks.Waiting(count - outcome.placed().size(), one[0], one[1]));
        }
        return launches;
    }

    /** How many tasks a DAEMON service wants: one per ACTIVE instance of the cluster its memberOf constraints allow. */
    static int daemonCount(AccountRegion region, ServiceRecord record) {
        String clusterName = record.clusterArn().substring(record.clusterArn().lastIndexOf('/') + 1);
        int count = 0;
        for (ContainerInstance instance : ContainerInstances.of(region).inCluster(clusterName)) {
            if (!ContainerInstances.ACTIVE.equals(instance.status())) {
                continue;
            }
            boolean member = record.service().placementConstraints().stream()
                    .filter(c -> c.type() == PlacementConstraintType.MEMBER_OF)
                    .allMatch(c -> ClusterQuery.parse(c.expression()).test(QueryTargets.of(region, instance)));
            if (member) {
                count++;
            }
        }
        return count;
    }

    private static List<PlacementConstraint> constraints(Service service) {
        List<PlacementConstraint> constraints = new ArrayList<>(service.placementConstraints());
        if (service.schedulingStrategy() == SchedulingStrategy.DAEMON) {
            constraints.add(PlacementConstraint.builder().type(PlacementConstraintType.DISTINCT_INSTANCE).build());
        }
        return constraints;
    }

    private static List<PlacementStrategy> strategies(Service service) {
        return service.placementStrategy().isEmpty() ? SERVICE_DEFAULT : service.placementStrategy();
    }

    /** ECS's event for a task no instance could take, with the closest matching instance's shortfall. */
    static String unableToPlace(String serviceName, Failure closest) {
        if (closest.arn() == null) {
            return ServiceEvents.unableToPlace(serviceName, closest.reason());
        }
        String id = closest.arn().substring(closest.arn().lastIndexOf('/') + 1);
        String shortfall = switch (closest.reason()) {
            case "RESOURCE:MEMORY" -> "has insufficient memory available";
            case "RESOURCE:CPU" -> "has insufficient CPU units available";
            case "RESOURCE:PORTS" -> "is already using a port required by your task";
            case "RESOURCE:ENI" -> "has insufficient free elastic network interfaces";
            case "ATTRIBUTE" -> "is missing an attribute required by your task";
            default -> "does not satisfy the task's placement constraints (" + closest.reason() + ")";
        };
        return "(service " + serviceName + ") was unable to place a task because no container instance met all of its "
                + "requirements. The closest matching (container-instance " + id + ") " + shortfall + ". For more "
                + "information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
    }
}
