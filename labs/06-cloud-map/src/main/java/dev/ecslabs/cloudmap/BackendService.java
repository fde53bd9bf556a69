package dev.ecslabs.cloudmap;

import dev.ecslabs.labkit.NotDoneYet;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * The shop's backend: an ECS service whose tasks ECS registers in Cloud Map as they start and
 * deregisters as they stop, so that the frontend finds them by name, whatever their IPs are today.
 */
public final class BackendService {
    /** How many tasks the backend runs. */
    public static final int DESIRED_COUNT = 2;
    /** How long resolvers may keep the backend's DNS answers: short, because its tasks come and go. */
    static final long DNS_TTL_SECONDS = 10;

    private BackendService() {
    }

    /**
     * Exercise 06.4: a Cloud Map service named {@code serviceName} in the namespace (an A record per
     * task, ECS keeping its health), and the ECS service of that name whose tasks register in it.
     */
    public static Service create(EcsClient ecs, ServiceDiscoveryClient cloudMap, String namespaceId, String cluster,
                                 String serviceName, String taskDefinition, List<String> subnets) {
        // TODO: create a Cloud Map service (multivalue A records, DNS_TTL_SECONDS, custom health), then an ECS service registering into it; return the former
        throw new NotDoneYet();
    }

    /** Exercise 06.4: the IPv4 addresses of the service's healthy instances, as DiscoverInstances answers them. */
    public static List<String> discoverIps(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName) {
        // TODO: return the IPv4 address of every instance that discovery finds for the service in the namespace
        throw new NotDoneYet();
    }

    /**
     * Exercise 06.5: stops one of the backend's tasks and answers the backend's IPs once the
     * scheduler has replaced it and discovery has caught up.
     */
    public static List<String> replaceTask(EcsClient ecs, EcsWaiter waiter, ServiceDiscoveryClient cloudMap, String cluster,
                                           String serviceName, String namespaceName, String taskArn, Duration pollInterval) {
        // TODO: stop the task; once the service is stable again, wait until discovery answers exactly its running tasks' IPs, and return them
        throw new NotDoneYet();
    }

    /**
     * Exercise 06.7: the IPv4 addresses DNS answers for {@code name} (for example
     * {@code backend.shop.local}), asked of {@code dnsServer}, with nothing cached.
     */
    public static List<String> resolve(InetSocketAddress dnsServer, String name) {
        // TODO: return the IPv4 addresses of the name's A records, asked of dnsServer without a cache (none for an unknown name)
        throw new NotDoneYet();
    }
}
