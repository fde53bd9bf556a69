package dev.ecslabs.cloudmap;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;

/** Custom health checks: your own checker tells Cloud Map that an instance is unhealthy, and discovery stops handing it out. */
public final class CustomHealth {
    private CustomHealth() {
    }

    /**
     * Exercise 06.6: marks the instance UNHEALTHY and answers the ids of the instances
     * DiscoverInstances still hands out once the change has taken effect.
     */
    public static List<String> markUnhealthy(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName,
                                             String serviceId, String instanceId, Duration pollInterval) {
        cloudMap.updateInstanceCustomHealthStatus(request -> request.serviceId(serviceId).instanceId(instanceId)
                .status(CustomHealthStatus.UNHEALTHY));
        // Cloud Map applies the new status about 30 seconds later, without an operation to wait for.
        return Poll.until(() -> healthyInstanceIds(cloudMap, namespaceName, serviceName),
                ids -> !ids.contains(instanceId), pollInterval);
    }

    private static List<String> healthyInstanceIds(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName) {
        return cloudMap.discoverInstances(request -> request.namespaceName(namespaceName).serviceName(serviceName)
                        .healthStatus(HealthStatusFilter.HEALTHY))
                .instances().stream().map(HttpInstanceSummary::instanceId).toList();
    }
}
