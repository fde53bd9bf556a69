package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.service.discovery.ServiceRegistryRules;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The checks CreateService and UpdateService make on what a service attaches its tasks to:
 * load balancer target groups, a Cloud Map service registry and Service Connect. They are kept
 * and returned (and each deployment's revision carries them); tasks are registered in a service
 * registry by {@code discovery.ServiceRegistries}; load balancers are not acted on
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html).
 */
final class ServiceAttachmentRules {
    /** "you can specify up to five target groups" for a service. */
    static final int MAX_TARGET_GROUPS = 5;

    private ServiceAttachmentRules() {
    }

    static void loadBalancers(List<LoadBalancer> loadBalancers, TaskDefinition definition) {
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
            if (loadBalancer.containerPort() == null) {
                throw EcsErrors.invalidParameter("loadBalancers: containerPort is required, the port of "
                        + loadBalancer.containerName() + " that the target group sends traffic to.");
            }
            checkPort(definition, loadBalancer.containerName(), loadBalancer.containerPort(), "loadBalancers");
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

    /**
     * Service Connect needs a namespace, the service's or the cluster's default, and each of its
     * services names a port mapping of the task definition by its name.
     */
    static void serviceConnect(ServiceConnectConfiguration configuration, TaskDefinition definition, Cluster cluster) {
        if (configuration == null || !Boolean.TRUE.equals(configuration.enabled())) {
            return;
        }
        boolean clusterDefault = cluster.serviceConnectDefaults() != null && cluster.serviceConnectDefaults().namespace() != null;
        if ((configuration.namespace() == null || configuration.namespace().isEmpty()) && !clusterDefault) {
            throw EcsErrors.invalidParameter("Service Connect needs a namespace: give serviceConnectConfiguration.namespace, "
                    + "or give the cluster " + cluster.clusterName() + " a default one (serviceConnectDefaults).");
        }
        Set<String> portNames = new HashSet<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            container.portMappings().stream().map(PortMapping::name).filter(name -> name != null).forEach(portNames::add);
        }
        for (ServiceConnectService service : configuration.services()) {
            if (!portNames.contains(service.portName())) {
                throw EcsErrors.invalidParameter("The Service Connect portName '" + service.portName() + "' is not the name "
                        + "of a port mapping in the task definition " + definition.family() + ":" + definition.revision()
                        + (portNames.isEmpty() ? " (it names none)." : " (it names " + String.join(", ", portNames) + ")."));
            }
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
