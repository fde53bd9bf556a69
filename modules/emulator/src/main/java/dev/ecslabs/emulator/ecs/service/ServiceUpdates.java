package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectPlan;
import dev.ecslabs.emulator.ecs.serviceconnect.ServiceConnectRules;
import dev.ecslabs.emulator.ecs.task.FargatePlatformVersions;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * UpdateService, as the API reference describes what each parameter does: a new task
 * definition, network configuration, platform version, capacity provider strategy, load
 * balancers, service registries, Service Connect configuration or {@code forceNewDeployment}
 * start a new deployment; desiredCount, the deployment configuration, the grace period and the
 * tag and ECS Exec settings don't (new tasks simply use them). Everything is checked before
 * anything changes (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html).
 */
final class ServiceUpdates {
    private ServiceUpdates() {
    }

    /** Applies the update to the service; answers whether it started a new deployment. */
    static boolean apply(AccountRegion region, Cluster cluster, ServiceRecord record, UpdateServiceRequest request,
                         Instant now) {
        if (record.external()) {
            ExternalServices.update(record, request);
            return false;
        }
        Service current = record.service();
        ServiceRules.deploymentController(request.deploymentController());
        boolean deploy = Boolean.TRUE.equals(request.forceNewDeployment());

        TaskDefinition definition = request.taskDefinition() == null
                ? TaskDefinitions.of(region).find(current.taskDefinition()).orElseThrow(() -> EcsErrors.client(
                        "TaskDefinition not found: the service's task definition " + current.taskDefinition()
                                + " was deleted. Give UpdateService a taskDefinition to deploy."))
                : ServiceRules.taskDefinition(region, request.taskDefinition());
        deploy |= !definition.taskDefinitionArn().equals(current.taskDefinition());

        ServiceRules.Placement placement = current.launchType() != null
                ? new ServiceRules.Placement(current.launchType(), List.of())
                : new ServiceRules.Placement(null, current.capacityProviderStrategy());
        if (request.hasCapacityProviderStrategy() && !request.capacityProviderStrategy().isEmpty()) {
            placement = ServiceRules.placement(cluster, null, request.capacityProviderStrategy());
            deploy |= !placement.strategy().equals(current.capacityProviderStrategy()) || current.launchType() != null;
        }
        ServiceRules.compatible(definition, placement);
        ServiceRules.placementRules(request.hasPlacementConstraints() && !request.placementConstraints().isEmpty(),
                request.hasPlacementStrategy() && !request.placementStrategy().isEmpty(), placement);

        String requestedPlatform = request.platformVersion() != null ? request.platformVersion() : current.platformVersion();
        String platformVersion = placement.onFargate() ? FargatePlatformVersions.resolve(requestedPlatform) : null;
        deploy |= request.platformVersion() != null && !request.platformVersion().equals(current.platformVersion());

        NetworkConfiguration network = current.networkConfiguration();
        if (request.networkConfiguration() != null) {
            network = ServiceRules.network(region, definition, request.networkConfiguration());
            deploy |= !network.equals(current.networkConfiguration());
        } else if (!definition.taskDefinitionArn().equals(current.taskDefinition())) {
            ServiceRules.network(region, definition, network);
        }
        Integer desired = request.desiredCount() == null ? null : ServiceRules.desiredCount(request.desiredCount());
        DeploymentConfiguration deployment = ServiceRules.deploymentConfiguration(request.deploymentConfiguration(),
                current.deploymentConfiguration());
        Integer gracePeriod = request.healthCheckGracePeriodSeconds() == null ? null
                : ServiceRules.healthCheckGracePeriod(request.healthCheckGracePeriodSeconds());
        if (request.hasLoadBalancers()) {
            ServiceAttachmentRules.loadBalancers(region, request.loadBalancers(), definition);
            deploy |= !request.loadBalancers().equals(current.loadBalancers());
        }
        if (request.hasServiceRegistries()) {
            ServiceAttachmentRules.serviceRegistries(region, request.serviceRegistries(), definition);
            deploy |= !request.serviceRegistries().equals(current.serviceRegistries());
        } else if (!definition.taskDefinitionArn().equals(current.taskDefinition())) {
            ServiceAttachmentRules.serviceRegistries(region, current.serviceRegistries(), definition);
        }
        // Service Connect is checked again when it changes, and against a new task definition (its port names).
        ServiceConnectConfiguration currentServiceConnect = record.primary().revision().serviceConnectConfiguration();
        ServiceConnectPlan serviceConnect = null;
        if (request.serviceConnectConfiguration() != null || !definition.taskDefinitionArn().equals(current.taskDefinition())) {
            serviceConnect = ServiceConnectRules.check(region, cluster, definition, platformVersion,
                    request.serviceConnectConfiguration() != null ? request.serviceConnectConfiguration() : currentServiceConnect,
                    record.arn());
            deploy |= !Objects.equals(serviceConnect.configuration(), currentServiceConnect);
        }

        Service.Builder updated = current.toBuilder()
                .taskDefinition(definition.taskDefinitionArn())
                .deploymentConfiguration(deployment);
        if (network != null) {
            updated.networkConfiguration(network);
        }
        if (placement.launchType() == null) {
            updated.launchType((LaunchType) null).capacityProviderStrategy(placement.strategy());
        }
        if (request.platformVersion() != null) {
            updated.platformVersion(request.platformVersion());
        }
        if (desired != null) {
            updated.desiredCount(desired);
        }
        if (gracePeriod != null) {
            updated.healthCheckGracePeriodSeconds(gracePeriod);
        }
        if (request.hasLoadBalancers()) {
            updated.loadBalancers(request.loadBalancers());
        }
        if (request.hasServiceRegistries()) {
            updated.serviceRegistries(request.serviceRegistries());
        }
        taskSettings(updated, request);
        if (request.availabilityZoneRebalancing() != null) {
            updated.availabilityZoneRebalancing(request.availabilityZoneRebalancing());
        }
        record.service(updated.build());
        if (desired != null) {
            record.primary().desiredCount(desired, now);
        }
        if (deploy) {
            if (serviceConnect != null) {
                serviceConnect.apply(region);
            }
            Deployments.start(region, record, platformVersion,
                    serviceConnect != null ? serviceConnect.configuration() : currentServiceConnect,
                    ServiceTaskStates.of(region, record), now);
        }
        return deploy;
    }

    /** What new tasks get and no deployment waits for: tag propagation, ECS managed tags, ECS Exec. */
    static void taskSettings(Service.Builder updated, UpdateServiceRequest request) {
        if (request.propagateTags() != null) {
            updated.propagateTags(request.propagateTags());
        }
        if (request.enableECSManagedTags() != null) {
            updated.enableECSManagedTags(request.enableECSManagedTags());
        }
        if (request.enableExecuteCommand() != null) {
            updated.enableExecuteCommand(request.enableExecuteCommand());
        }
    }
}
