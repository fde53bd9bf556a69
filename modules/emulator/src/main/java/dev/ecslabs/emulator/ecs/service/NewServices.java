package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.instance.TaskPlacement;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectPlan;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectRules;
import dev.ecslabs.emulator.ecs.task.FargatePlatformVersions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.AvailabilityZoneRebalancing;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A CreateService request checked with every rule ECS applies and turned into a new service
 * with its first deployment. Every check comes before anything is kept, so a refused request
 * changes nothing (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html).
 */
final class NewServices {
    private NewServices() {
    }

    static ServiceRecord create(AccountRegion region, Cluster cluster, CreateServiceRequest request, Instant now) {
        ServiceRules.serviceName(request.serviceName());
        if (ExternalServices.requested(request.deploymentController())) {
            return ExternalServices.create(region, cluster, request, now);
        }
        ServiceRules.deploymentController(request.deploymentController());
        TaskDefinition definition = ServiceRules.taskDefinition(region, request.taskDefinition());
        ServiceRules.Placement placement = ServiceRules.placement(cluster, request.launchType(),
                request.capacityProviderStrategy());
        ServiceRules.compatible(definition, placement);
        SchedulingStrategy scheduling = ServiceRules.schedulingStrategy(request.schedulingStrategy(), placement);
        int desiredCount = scheduling == SchedulingStrategy.DAEMON ? 0 : ServiceRules.desiredCount(request.desiredCount());
        if (scheduling == SchedulingStrategy.DAEMON && !request.placementStrategy().isEmpty()) {
            throw EcsErrors.invalidParameter("Placement strategies are not supported with the DAEMON scheduling strategy: "
                    + "it places one task on each container instance.");
        }
        if (!placement.onFargate()) {
            TaskPlacement.check(request.placementConstraints(), request.placementStrategy());
        }
        ServiceRules.placementRules(!request.placementConstraints().isEmpty(), !request.placementStrategy().isEmpty(),
                placement);
        String platformVersion = placement.onFargate() ? FargatePlatformVersions.resolve(request.platformVersion()) : null;
        if (!placement.onFargate() && request.platformVersion() != null) {
            throw EcsErrors.invalidParameter("platformVersion is only for tasks on Fargate; the " + placement.launchType()
                    + " launch type takes none.");
        }
        NetworkConfiguration network = ServiceRules.network(region, definition, request.networkConfiguration());
        DeploymentConfiguration deployment = ServiceRules.deploymentConfiguration(request.deploymentConfiguration(), null);
        int gracePeriod = ServiceRules.healthCheckGracePeriod(request.healthCheckGracePeriodSeconds());
        ServiceRules.role(request.role(), definition);
        ServiceAttachmentRules.loadBalancers(region, request.loadBalancers(), definition);
        ServiceAttachmentRules.serviceRegistries(region, request.serviceRegistries(), definition);
        String serviceArn = ServiceArns.service(region, cluster.clusterName(), request.serviceName());
        ServiceConnectPlan serviceConnect = ServiceConnectRules.check(region, cluster, definition, platformVersion,
                request.serviceConnectConfiguration(), serviceArn);
        List<Tag> tags = EcsTags.checked(request.tags());
        boolean managedTags = Boolean.TRUE.equals(request.enableECSManagedTags());

        Service.Builder service = Service.builder()
                .serviceArn(serviceArn)
                .serviceName(request.serviceName())
                .clusterArn(cluster.clusterArn())
                .loadBalancers(request.loadBalancers())
                .serviceRegistries(request.serviceRegistries())
                .status(ServiceRecord.ACTIVE)
                .desiredCount(desiredCount)
                .taskDefinition(definition.taskDefinitionArn())
                .deploymentConfiguration(deployment)
                .roleArn(ServiceRules.serviceLinkedRoleArn(region))
                .createdAt(now)
                .placementConstraints(request.placementConstraints())
                .placementStrategy(request.placementStrategy())
                .healthCheckGracePeriodSeconds(gracePeriod)
                .schedulingStrategy(scheduling)
                .deploymentController(DeploymentController.builder().type(DeploymentControllerType.ECS).build())
                .tags(tags)
                .createdBy("arn:aws:iam::" + region.accountId() + ":root")
                .enableECSManagedTags(managedTags)
                .propagateTags(request.propagateTags() == null ? PropagateTags.NONE : request.propagateTags())
                .enableExecuteCommand(Boolean.TRUE.equals(request.enableExecuteCommand()))
                .availabilityZoneRebalancing(request.availabilityZoneRebalancing() == null
                        ? AvailabilityZoneRebalancing.ENABLED : request.availabilityZoneRebalancing());
        if (network != null) {
            service.networkConfiguration(network);
        }
        if (placement.launchType() != null) {
            service.launchType(placement.launchType());
        } else {
            service.capacityProviderStrategy(placement.strategy());
        }
        if (placement.onFargate()) {
            service.platformVersion(request.platformVersion() == null ? FargatePlatformVersions.LATEST
                    : request.platformVersion()).platformFamily(ServiceRevisions.PLATFORM_FAMILY);
        }
        ServiceRecord record = new ServiceRecord(service.build(), request);
        serviceConnect.apply(region);
        Deployments.start(region, record, platformVersion, serviceConnect.configuration(),
                ServiceTaskStates.of(region, record), now);
        return record;
    }

    /**
     * Whether a CreateService for an ACTIVE service of the same name asks for the same service:
     * then it is answered as it is; otherwise "Creation of service was not idempotent." The
     * client token is not part of what is compared.
     */
    static boolean sameRequest(CreateServiceRequest original, CreateServiceRequest again) {
        return original.toBuilder().clientToken(null).build().equals(again.toBuilder().clientToken(null).build());
    }
}
