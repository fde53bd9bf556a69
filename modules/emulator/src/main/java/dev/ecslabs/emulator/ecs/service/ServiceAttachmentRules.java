package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.service.discovery.ServiceRegistryRules;
import dev.ecslabs.emulator.elb.TargetUse;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The checks CreateService and UpdateService make on what a service attaches its tasks to:
 * load balancer target groups and a Cloud Map service registry (Service Connect's are
 * {@code serviceconnect.ServiceConnectRules}'). They are kept and returned (and each deployment's
 * revision carries them); tasks are registered in a service registry by
 * {@code discovery.ServiceRegistries}; a target group must exist and have a load balancer, and
 * {@code elb.ServiceTargets} registers the tasks with it
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html).
 */
final class ServiceAttachmentRules {
    /** "you can specify up to five target groups" for a service. */
    static final int MAX_TARGET_GROUPS = 5;

    private ServiceAttachmentRules() {
    }

    static void loadBalancers(AccountRegion region, List<LoadBalancer> loadBalancers, TaskDefinition definition) {
        if (loadBalancers.size() > MAX_TARGET_GROUPS) {
            throw EcsErrors.invalidParameter("A service can have at most " + MAX_TARGET_GROUPS + " target groups, not "
                    + loadBalancers.size() + ".");
        }
        for (LoadBalancer loadBalancer : loadBalancers) {
            if (loadBalancer.loadBalancerName() != null) {
                throw EcsErrors.invalidParameter("loadBalancerName names a Classic Load Balancer, which can't route to "
                        + "awsvpc (Fargate) tasks. Give the targetGroupArn of an Application or Network Load Balancer "
                        + "target group instead.");
            }
            String targetGroup = loadBalancer.targetGroupArn();
            if (targetGroup == null || Arns.parse(targetGroup).filter(arn -> arn.service().equals("elasticloadbalancing")
                    && arn.resource().startsWith("targetgroup/")).isEmpty()) {
                throw EcsErrors.invalidParameter("targetGroupArn '" + targetGroup + "' is not a target group ARN. It looks "
                        + "like arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>.");
            }
            attached(region, targetGroup);
            if (loadBalancer.containerPort() == null) {
                throw EcsErrors.invalidParameter("loadBalancers: containerPort is required, the port of "
                        + loadBalancer.containerName() + " that the target group sends traffic to.");
            }
            checkPort(definition, loadBalancer.containerName(), loadBalancer.containerPort(), "loadBalancers");
        }
    }

    /**
     * A service's target group must exist and have a load balancer (a listener or rule forwarding to
     * it) before the service is created or updated with it, or ECS refuses with
     * "The target group with targetGroupArn … does not have an associated load balancer." (AWS's
     * wording, as CreateService answers it; the same on UpdateService).
     */
    private static void attached(AccountRegion region, String targetGroupArn) {
        var loadBalancers = TargetUse.loadBalancersOf(region, targetGroupArn);
        if (loadBalancers.isEmpty()) {
            throw EcsErrors.invalidParameter("The target group with targetGroupArn " + targetGroupArn + " does not exist. "
                    + "Create it with CreateTargetGroup (or check its account and Region) and give the ARN it answers.");
        }
        if (loadBalancers.get().isEmpty()) {
            throw EcsErrors.invalidParameter("The target group with targetGroupArn " + targetGroupArn + " does not have an "
                    + "associated load balancer. Create a listener (or a listener rule) that forwards to it first, then the service.");
        }
    }

    /**
     * "Each service may be associated with one service registry."; its Cloud Map service and
     * ports are checked by {@link ServiceRegistryRules}.
     */
    static void serviceRegistries(AccountRegion region, List<ServiceRegistry> registries, TaskDefinition definition) {
        if (registries.size() > 1) {
            throw EcsErrors.invalidParameter("A service can have only one service registry, not " + registries.size()
                    + ": multiple service registries for each service aren't supported.");
        }
        for (ServiceRegistry registry : registries) {
            String arn = registry.registryArn();
            if (arn == null || Arns.parse(arn).filter(a -> a.service().equals("servicediscovery")
                    && a.resource().startsWith("service/")).isEmpty()) {
                throw EcsErrors.invalidParameter("registryArn '" + arn + "' is not a Cloud Map service ARN. It looks like "
                        + "arn:aws:servicediscovery:<region>:<account>:service/srv-…, as CreateService of Cloud Map answers.");
            }
            if (registry.containerPort() != null && registry.containerName() == null) {
                throw EcsErrors.invalidParameter("serviceRegistries: containerPort " + registry.containerPort()
                        + " needs the containerName it belongs to.");
            }
            if (registry.containerName() != null) {
                checkPort(definition, registry.containerName(), registry.containerPort(), "serviceRegistries");
            }
            ServiceRegistryRules.check(region, registry);
        }
    }

    private static void checkPort(TaskDefinition definition, String containerName, Integer containerPort, String where) {
        if (containerName == null) {
            throw EcsErrors.invalidParameter(where + ": containerName is required, the container that receives the traffic.");
        }
        Optional<ContainerDefinition> container = definition.containerDefinitions().stream()
                .filter(c -> containerName.equals(c.name())).findFirst();
        if (container.isEmpty()) {
            throw EcsErrors.invalidParameter("The container " + containerName + " does not exist in the task definition "
                    + definition.family() + ":" + definition.revision() + ".");
        }
        if (containerPort != null && container.get().portMappings().stream()
                .noneMatch(mapping -> containerPort.equals(mapping.containerPort()))) {
            throw EcsErrors.invalidParameter("The container " + containerName + " did not have a container port "
                    + containerPort + " defined.");
        }
    }
}
