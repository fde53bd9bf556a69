package dev.ecslabs.cloudmap;

import dev.ecslabs.labkit.NotDoneYet;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

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
        // TODO: report the instance UNHEALTHY, wait until discovery of healthy instances leaves it out, and return the ids it lists then
        throw new NotDoneYet();
    }
}
