package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.ecs.task.FargatePlatformVersions;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * A CreateTaskSet request checked with the rules CreateService applies to what runs (task
 * definition, launch type or capacity provider strategy, platform version, awsvpc network, load
 * balancers, service registries), plus the task set's own (its scale, at most five task sets per
 * service), and turned into a new ACTIVE task set
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateTaskSet.html).
 */
final class NewTaskSets {
    /** "5 deployments exist on the service. Unable to create new TaskSet since this exceeds the maximum limit." */
    static final int MAX_TASK_SETS = 5;
    /** The scale a task set gets when none is given: all of the service's desired count. */
    static final Scale FULL_SCALE = Scale.builder().value(100.0).unit(ScaleUnit.PERCENT).build();

    private NewTaskSets() {
    }

    static TaskSetRecord create(AccountRegion region, Cluster cluster, ServiceRecord record, CreateTaskSetRequest request,
                                Instant now) {
        requireExternal(record);
        if (record.taskSets().size() >= MAX_TASK_SETS) {
            throw EcsErrors.invalidParameter(record.taskSets().size() + " deployments exist on the service. Unable to "
                    + "create new TaskSet since this exceeds the maximum limit. Delete a task set (DeleteTaskSet) first.");
        }
        TaskDefinition definition = ServiceRules.taskDefinition(region, request.taskDefinition());
        ServiceRules.Placement placement = ServiceRules.placement(cluster, request.launchType(),
                request.capacityProviderStrategy());
        ServiceRules.compatible(definition, placement);
        String platformVersion = placement.onFargate() ? FargatePlatformVersions.resolve(request.platformVersion()) : null;
        if (!placement.onFargate() && request.platformVersion() != null) {
            throw EcsErrors.invalidParameter("platformVersion is only for tasks on Fargate; the " + placement.launchType()
                    + " launch type takes none.");
        }
        NetworkConfiguration network = ServiceRules.network(region, definition, request.networkConfiguration());
        ServiceAttachmentRules.loadBalancers(region, request.loadBalancers(), definition);
        ServiceAttachmentRules.serviceRegistries(region, request.serviceRegistries(), definition);
        Scale scale = scale(request.scale());

        String id = ServiceArns.newDeploymentId();
        TaskSet.Builder taskSet = TaskSet.builder()
                .id(id)
                .taskSetArn(Arns.of("ecs", region.region(), region.accountId(),
                        "task-set/" + cluster.clusterName() + "/" + record.name() + "/" + id))
                .serviceArn(record.arn())
                .clusterArn(record.clusterArn())
                .externalId(request.externalId())
                .status(TaskSetRecord.ACTIVE)
                .taskDefinition(definition.taskDefinitionArn())
                .createdAt(now)
                .updatedAt(now)
                .networkConfiguration(network)
                .loadBalancers(request.loadBalancers())
                .serviceRegistries(request.serviceRegistries())
                .scale(scale)
                .stabilityStatus(StabilityStatus.STABILIZING)
                .stabilityStatusAt(now)
                .tags(EcsTags.checked(request.tags()));
        if (placement.launchType() != null) {
            taskSet.launchType(placement.launchType());
        } else {
            taskSet.capacityProviderStrategy(placement.strategy());
        }
        if (placement.onFargate()) {
            taskSet.platformVersion(request.platformVersion() == null ? FargatePlatformVersions.LATEST
                    : request.platformVersion()).platformFamily(ServiceRevisions.PLATFORM_FAMILY);
        }
        TaskSet built = taskSet.build();
        // The revision its tasks run: the service's settings (tags, ECS Exec) with the task set's task definition and compute.
        Service runs = record.service().toBuilder().taskDefinition(built.taskDefinition())
                .launchType(built.launchType()).capacityProviderStrategy(built.capacityProviderStrategy())
                .networkConfiguration(network).loadBalancers(built.loadBalancers())
                .serviceRegistries(built.serviceRegistries()).build();
        String clusterName = cluster.clusterName();
        ServiceRevision revision = ServiceRevisions.of(ServiceArns.newServiceRevision(region, clusterName, record.name()),
                runs, platformVersion, null, now);
        record.revisions().put(revision.serviceRevisionArn(), revision);
        record.deploymentRevisions().put(id, revision.serviceRevisionArn());
        TaskSetRecord created = new TaskSetRecord(built, revision);
        record.taskSets().add(created);
        return created;
    }

    /** "Amazon ECS only supports task set management on services configured to use external deployment controllers." */
    static void requireExternal(ServiceRecord record) {
        if (!record.external()) {
            throw EcsErrors.invalidParameter("Amazon ECS only supports task set management on services configured to use "
                    + "external deployment controllers. " + record.name() + " uses the "
                    + record.service().deploymentController().typeAsString() + " deployment controller; create a service "
                    + "with deploymentController type EXTERNAL for task sets.");
        }
    }

    /** A task set's scale: a percentage from 0 to 100 of the service's desired count (100 % when none is given). */
    static Scale scale(Scale requested) {
        if (requested == null) {
            return FULL_SCALE;
        }
        if (requested.value() == null || requested.value() < 0 || requested.value() > 100) {
            throw EcsErrors.invalidParameter("scale.value must be a percentage from 0 to 100 of the service's desired "
                    + "count, not " + requested.value() + ".");
        }
        return Scale.builder().value(requested.value()).unit(ScaleUnit.PERCENT).build();
    }
}
