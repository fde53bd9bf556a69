package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.EcsTags;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.AvailabilityZoneRebalancing;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * CreateService and UpdateService for a service with the EXTERNAL deployment controller: "The
 * only required parameter is the service name"; what runs (task definition, launch type or
 * capacity provider strategy, platform version, load balancers, network configuration, service
 * registries) belongs to its task sets, and UpdateService changes only the desired count and the
 * health check grace period (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html).
 */
final class ExternalServices {
    private ExternalServices() {
    }

    static boolean requested(DeploymentController controller) {
        return controller != null && controller.type() == DeploymentControllerType.EXTERNAL;
    }

    static ServiceRecord create(AccountRegion region, Cluster cluster, CreateServiceRequest request, Instant now) {
        List<String> taskSetParameters = new ArrayList<>();
        addIf(taskSetParameters, request.taskDefinition() != null && !request.taskDefinition().isEmpty(), "taskDefinition");
        addIf(taskSetParameters, request.launchType() != null, "launchType");
        addIf(taskSetParameters, !request.capacityProviderStrategy().isEmpty(), "capacityProviderStrategy");
        addIf(taskSetParameters, request.platformVersion() != null, "platformVersion");
        addIf(taskSetParameters, !request.loadBalancers().isEmpty(), "loadBalancers");
        addIf(taskSetParameters, request.networkConfiguration() != null, "networkConfiguration");
        addIf(taskSetParameters, !request.serviceRegistries().isEmpty(), "serviceRegistries");
        addIf(taskSetParameters, request.serviceConnectConfiguration() != null, "serviceConnectConfiguration");
        if (!taskSetParameters.isEmpty()) {
            throw EcsErrors.invalidParameter("A service with the EXTERNAL deployment controller takes " + taskSetParameters
                    + " from its task sets, not from CreateService: leave them out and give them to CreateTaskSet.");
        }
        if (request.schedulingStrategy() == SchedulingStrategy.DAEMON) {
            throw EcsErrors.invalidParameter("The DAEMON scheduling strategy is not supported with the EXTERNAL deployment "
                    + "controller: use REPLICA with a desiredCount.");
        }
        int desiredCount = ServiceRules.desiredCount(request.desiredCount() == null ? 0 : request.desiredCount());
        Service service = Service.builder()
                .serviceArn(ServiceArns.service(region, cluster.clusterName(), request.serviceName()))
                .serviceName(request.serviceName())
                .clusterArn(cluster.clusterArn())
                .status(ServiceRecord.ACTIVE)
                .desiredCount(desiredCount)
                .deploymentConfiguration(ServiceRules.deploymentConfiguration(request.deploymentConfiguration(), null))
                .roleArn(ServiceRules.serviceLinkedRoleArn(region))
                .createdAt(now)
                .placementConstraints(request.placementConstraints())
                .placementStrategy(request.placementStrategy())
                .healthCheckGracePeriodSeconds(ServiceRules.healthCheckGracePeriod(request.healthCheckGracePeriodSeconds()))
                .schedulingStrategy(SchedulingStrategy.REPLICA)
                .deploymentController(DeploymentController.builder().type(DeploymentControllerType.EXTERNAL).build())
                .tags(EcsTags.checked(request.tags()))
                .createdBy("arn:aws:iam::" + region.accountId() + ":root")
                .enableECSManagedTags(Boolean.TRUE.equals(request.enableECSManagedTags()))
                .propagateTags(request.propagateTags() == null ? PropagateTags.NONE : request.propagateTags())
                .enableExecuteCommand(Boolean.TRUE.equals(request.enableExecuteCommand()))
                .availabilityZoneRebalancing(AvailabilityZoneRebalancing.DISABLED)
                .build();
        ServiceRecord record = new ServiceRecord(service, request);
        record.steady(desiredCount == 0);
        return record;
    }

    /** UpdateService on an EXTERNAL service: the desired count, the grace period and the tag settings; the rest is a new task set's. */
    static void update(ServiceRecord record, UpdateServiceRequest request) {
        List<String> taskSetParameters = new ArrayList<>();
        addIf(taskSetParameters, request.taskDefinition() != null, "taskDefinition");
        addIf(taskSetParameters, request.hasCapacityProviderStrategy() && !request.capacityProviderStrategy().isEmpty(),
                "capacityProviderStrategy");
        addIf(taskSetParameters, request.platformVersion() != null, "platformVersion");
        addIf(taskSetParameters, request.hasLoadBalancers(), "loadBalancers");
        addIf(taskSetParameters, request.networkConfiguration() != null, "networkConfiguration");
        addIf(taskSetParameters, request.hasServiceRegistries(), "serviceRegistries");
        addIf(taskSetParameters, request.serviceConnectConfiguration() != null, "serviceConnectConfiguration");
        addIf(taskSetParameters, Boolean.TRUE.equals(request.forceNewDeployment()), "forceNewDeployment");
        if (!taskSetParameters.isEmpty()) {
            throw EcsErrors.invalidParameter("UpdateService changes only the desired count and the health check grace "
                    + "period of a service with the EXTERNAL deployment controller, not " + taskSetParameters
                    + ": create a new task set (CreateTaskSet) with them, and make it primary (UpdateServicePrimaryTaskSet).");
        }
        if (request.deploymentController() != null && !requested(request.deploymentController())) {
            throw EcsErrors.invalidParameter("The deployment controller of " + record.name() + " is EXTERNAL and stays "
                    + "so while it has task sets; delete them first.");
        }
        Service.Builder updated = record.service().toBuilder();
        if (request.desiredCount() != null) {
            updated.desiredCount(ServiceRules.desiredCount(request.desiredCount()));
        }
        if (request.healthCheckGracePeriodSeconds() != null) {
            updated.healthCheckGracePeriodSeconds(ServiceRules.healthCheckGracePeriod(request.healthCheckGracePeriodSeconds()));
        }
        if (request.deploymentConfiguration() != null) {
            updated.deploymentConfiguration(ServiceRules.deploymentConfiguration(request.deploymentConfiguration(),
                    record.service().deploymentConfiguration()));
        }
        ServiceUpdates.taskSettings(updated, request);
        record.service(updated.build());
    }

    /**
     * "When you call the DescribeServices API action, it returns all fields specified for a primary
     * task set": the service takes the primary's task definition, compute and network; without a
     * primary they are null.
     */
    static void takeFromPrimary(ServiceRecord record) {
        Service.Builder service = record.service().toBuilder().taskDefinition(null).launchType((LaunchType) null)
                .capacityProviderStrategy((List<CapacityProviderStrategyItem>) null).platformVersion(null)
                .platformFamily(null).networkConfiguration((NetworkConfiguration) null)
                .loadBalancers((List<LoadBalancer>) null).serviceRegistries((List<ServiceRegistry>) null);
        record.taskSets().stream().filter(TaskSetRecord::isPrimary).findFirst().ifPresent(primary -> {
            TaskSet set = primary.taskSet();
            service.taskDefinition(set.taskDefinition()).platformVersion(set.platformVersion())
                    .platformFamily(set.platformFamily()).networkConfiguration(set.networkConfiguration())
                    .loadBalancers(set.loadBalancers()).serviceRegistries(set.serviceRegistries());
            if (set.launchType() != null) {
                service.launchType(set.launchType());
            } else {
                service.capacityProviderStrategy(set.capacityProviderStrategy());
            }
        });
        record.service(service.build());
    }

    private static void addIf(List<String> names, boolean given, String name) {
        if (given) {
            names.add(name);
        }
    }
}
