package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectProxy;
import dev.ecslabs.emulator.ecs.task.CapacityProviders;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.ecs.task.TaskLaunch;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.network.Subnet;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The tasks the scheduler starts for a deployment, as ECS starts a service's tasks: in the group
 * {@code service:<name>}, started by the deployment's id, on its launch type or spread over its
 * capacity provider strategy (counting the tasks it already placed), in its subnets, with the
 * service's or the task definition's tags as {@code propagateTags} says and, with
 * {@code enableECSManagedTags}, the managed tags {@code aws:ecs:clusterName} and
 * {@code aws:ecs:serviceName} (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-using-tags.html).
 */
final class ServiceTaskLaunches {
    static final String CLUSTER_NAME_TAG = "aws:ecs:clusterName";
    static final String SERVICE_NAME_TAG = "aws:ecs:serviceName";

    private ServiceTaskLaunches() {
    }

    /**
     * The launches of {@code count} new tasks; an AwsException saying why when they can't start
     * (the deployment's task definition is gone), which the scheduler reports in the events.
     */
    static List<TaskLaunch> of(AccountRegion region, ServiceRecord record, DeploymentRecord deployment, int count,
                               ServiceTaskStates tasks) {
        Optional<Cluster> cluster = Clusters.of(region).find(record.clusterArn())
                .filter(c -> Clusters.ACTIVE.equals(c.status()));
        if (cluster.isEmpty() || count <= 0) {
            return List.of();
        }
        TaskDefinitions.Revision definition = TaskDefinitions.of(region).findRevision(deployment.taskDefinitionArn())
                .orElseThrow(() -> EcsErrors.client("TaskDefinition not found: " + deployment.taskDefinitionArn()
                        + " is not registered (any more), so no task of it can start."));
        ServiceRevision revision = deployment.revision();
        Service service = record.service();
        if (revision.launchType() == LaunchType.EC2) {
            return ServiceEc2Launches.of(region, record, deployment, cluster.get(), definition, count,
                    tags(service, definition, cluster.get()), null);
        }
        if (revision.launchType() == null && CapacityProviders.onAutoScalingGroups(revision.capacityProviderStrategy())) {
            // Auto Scaling group providers: each provider's share of the tasks is placed on the instances it launched.
            Map<String, Integer> perProvider = new LinkedHashMap<>();
            providers(revision, deployment, count, tasks).forEach(p -> perProvider.merge(p, 1, Integer::sum));
            List<TaskLaunch> launches = new ArrayList<>();
            perProvider.forEach((provider, share) -> launches.addAll(ServiceEc2Launches.of(region, record, deployment,
                    cluster.get(), definition, share, tags(service, definition, cluster.get()), provider)));
            return launches;
        }
        List<Subnet> subnets = TaskNetworking.subnets(region, revision.networkConfiguration());
        List<Tag> tags = tags(service, definition, cluster.get());
        boolean execute = Boolean.TRUE.equals(service.enableExecuteCommand());
        List<TaskLaunch> launches = new ArrayList<>();
        for (String provider : providers(revision, deployment, count, tasks)) {
            // Each task of a Service Connect deployment gets a proxy container of its own, which ECS adds.
            launches.add(TaskLaunch.forService(cluster.get(),
                    ServiceConnectProxy.addTo(definition.definition(), revision.serviceConnectConfiguration()), provider, subnets,
                    service.serviceName(), deployment.id(), tags, execute, revision.platformVersion()));
        }
        return launches;
    }

    /**
     * Starts {@code count} new tasks of the deployment on {@code capacity}, tracked by the service,
     * and says so in its events; when they can't start, the events say why instead.
     */
    static void start(Fargate capacity, AccountRegion region, ServiceRecord record, DeploymentRecord deployment, int count,
                      ServiceTaskStates tasks, int replacedUnhealthy, Instant now) {
        List<TaskLaunch> launches;
        try {
            launches = of(region, record, deployment, count, tasks);
        } catch (AwsException e) {
            // The configuration was checked when it was given; what changed since (a subnet, say) is reported, not thrown.
            record.events().add(now, ServiceEvents.unableToPlaceTask(record.name(), e.getMessage()));
            return;
        }
        List<String> ids = new ArrayList<>();
        for (TaskLaunch launch : launches) {
            String arn = capacity.start(region, launch).taskArn();
            record.taskArns().add(arn);
            ids.add(arn.substring(arn.lastIndexOf('/') + 1));
        }
        if (!ids.isEmpty()) {
            record.events().add(now, ServiceEvents.started(record.name(), ids, replacedUnhealthy));
        }
    }

    /** One capacity provider per new task (none with launch type FARGATE), after those the deployment already placed. */
    private static List<String> providers(ServiceRevision revision, DeploymentRecord deployment, int count,
                                          ServiceTaskStates tasks) {
        if (revision.launchType() != null) {
            return Collections.nCopies(count, null);
        }
        Map<String, Integer> placed = new HashMap<>();
        for (ServiceTaskStates.TaskState task : tasks.ofDeployment(deployment.id())) {
            if (task.live() && task.task().capacityProviderName() != null) {
                placed.merge(task.task().capacityProviderName(), 1, Integer::sum);
            }
        }
        return CapacityProviders.distribute(revision.capacityProviderStrategy(), placed, count);
    }

    static List<Tag> tags(Service service, TaskDefinitions.Revision definition, Cluster cluster) {
        List<Tag> tags = List.of();
        if (service.propagateTags() == PropagateTags.SERVICE) {
            tags = service.tags();
        } else if (service.propagateTags() == PropagateTags.TASK_DEFINITION) {
            tags = definition.tags();
        }
        if (Boolean.TRUE.equals(service.enableECSManagedTags())) {
            // ECS's own tags: EcsTags refuses the aws: prefix for callers, so they are added after it.
            List<Tag> managed = new ArrayList<>(EcsTags.without(tags, List.of(CLUSTER_NAME_TAG, SERVICE_NAME_TAG)));
            managed.add(Tag.builder().key(CLUSTER_NAME_TAG).value(cluster.clusterName()).build());
            managed.add(Tag.builder().key(SERVICE_NAME_TAG).value(service.serviceName()).build());
            tags = managed;
        }
        return tags;
    }
}
