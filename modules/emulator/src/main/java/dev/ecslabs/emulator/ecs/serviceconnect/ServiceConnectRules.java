package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskSize;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The checks CreateService and UpdateService make on a {@code serviceConnectConfiguration}, as
 * the API reference and the developer guide's considerations state them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html): a namespace,
 * the service's own or the cluster's default, that exists; Fargate platform 1.4.0; task memory
 * left over for the proxy; then each Service Connect service ({@link ConnectServiceRules}). A
 * service registry beside it is no conflict: its tasks are registered in both places. Reads only.
 */
public final class ServiceConnectRules {
    private ServiceConnectRules() {
    }

    /** What a service that deploys {@code definition} runs with Service Connect; {@code null} configuration: none. */
    public static ServiceConnectPlan check(AccountRegion region, Cluster cluster, TaskDefinition definition,
                                           String platformVersion, ServiceConnectConfiguration requested,
                                           String serviceArn) {
        if (requested == null || !Boolean.TRUE.equals(requested.enabled())) {
            return new ServiceConnectPlan(requested, null, List.of());
        }
        ConnectNamespace namespace = ConnectNamespace.require(region, namespaceName(requested, cluster));
        if ("1.3.0".equals(platformVersion)) {
            throw EcsErrors.invalidParameter("Service Connect needs Fargate platform version 1.4.0 or later, and the service "
                    + "asks for 1.3.0. Leave platformVersion out (LATEST is 1.4.0).");
        }
        checkMemoryForProxy(definition);
        List<ConnectService> services = ConnectService.of(requested, namespace.name());
        ConnectServiceRules.check(region, requested, services, definition, namespace, serviceArn);
        return new ServiceConnectPlan(requested.toBuilder().namespace(namespace.arn()).build(), namespace, services);
    }

    private static String namespaceName(ServiceConnectConfiguration requested, Cluster cluster) {
        if (requested.namespace() != null && !requested.namespace().isEmpty()) {
            return requested.namespace();
        }
        if (cluster.serviceConnectDefaults() != null && cluster.serviceConnectDefaults().namespace() != null
                && !cluster.serviceConnectDefaults().namespace().isEmpty()) {
            return cluster.serviceConnectDefaults().namespace();
        }
        throw EcsErrors.invalidParameter("Service Connect needs a namespace: give serviceConnectConfiguration.namespace "
                + "(a Cloud Map namespace's name or ARN), or give the cluster " + cluster.clusterName()
                + " a default one with UpdateCluster's serviceConnectDefaults.");
    }

    /**
     * "Task definitions must set the task memory limit to use Service Connect" and "you must set the
     * task memory limit to a number greater than the sum of the container memory limits": the proxy
     * ECS adds runs on what the containers leave over.
     */
    private static void checkMemoryForProxy(TaskDefinition definition) {
        Integer taskMemory = TaskSize.parse(definition.cpu(), definition.memory()).memory();
        String named = definition.family() + ":" + definition.revision();
        if (taskMemory == null) {
            throw EcsErrors.invalidParameter("Service Connect needs a task memory limit, and the task definition " + named
                    + " sets none: register a revision with memory set for the whole task.");
        }
        int containers = 0;
        for (ContainerDefinition container : definition.containerDefinitions()) {
            Integer limit = container.memory() != null ? container.memory() : container.memoryReservation();
            containers += limit == null ? 0 : limit;
        }
        if (containers >= taskMemory) {
            throw EcsErrors.invalidParameter("The Service Connect proxy that ECS adds to each task runs on the task memory its "
                    + "containers leave over, and the containers of " + named + " take " + containers + " of its "
                    + taskMemory + " MiB. Give the task more memory than its containers' limits together (AWS recommends at "
                    + "least 64 MiB and 256 CPU units for the proxy).");
        }
    }
}
