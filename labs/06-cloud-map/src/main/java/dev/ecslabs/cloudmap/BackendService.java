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
        // TODO: create the Cloud Map service (MULTIVALUE, an A record with DNS_TTL_SECONDS, healthCheckCustomConfig), then the ECS service (DESIRED_COUNT tasks on FARGATE in the subnets) with serviceRegistries naming its ARN, and return the Cloud Map service
        throw new NotDoneYet();
    }

    /** Exercise 06.4: the IPv4 addresses of the service's healthy instances, as DiscoverInstances answers them. */
    public static List<String> discoverIps(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName) {
        // TODO: discoverInstances by namespace and service name, and return each instance's AWS_INSTANCE_IPV4 attribute
        throw new NotDoneYet();
    }

    /**
     * Exercise 06.5: stops one of the backend's tasks and answers the backend's IPs once the
     * scheduler has replaced it and discovery has caught up.
     */
    public static List<String> replaceTask(EcsClient ecs, EcsWaiter waiter, ServiceDiscoveryClient cloudMap, String cluster,
                                           String serviceName, String namespaceName, String taskArn, Duration pollInterval) {
        // TODO: stop the task, wait until it is STOPPED and the service stable again, then Poll.until discoverIps answers exactly the IPs of the service's running tasks, and return them
        throw new NotDoneYet();
    }

    /**
     * Exercise 06.7: the IPv4 addresses DNS answers for {@code name} (for example
     * {@code backend.shop.local}), asked of {@code dnsServer}, with nothing cached.
     */
    public static List<String> resolve(InetSocketAddress dnsServer, String name) {
        // TODO: look up the name's A records with dnsjava's Lookup, asking a SimpleResolver of dnsServer and no cache, and return their addresses (none for a name that doesn't exist)
        throw new NotDoneYet();
    }
}
