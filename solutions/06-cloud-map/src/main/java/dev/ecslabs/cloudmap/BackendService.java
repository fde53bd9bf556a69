package dev.ecslabs.cloudmap;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
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
        Service registry = cloudMap.createService(request -> request.name(serviceName).namespaceId(namespaceId)
                .dnsConfig(dns -> dns.routingPolicy(RoutingPolicy.MULTIVALUE)
                        .dnsRecords(record -> record.type(RecordType.A).ttl(DNS_TTL_SECONDS)))
                // ECS reports each task's health to Cloud Map: unhealthy tasks drop out of discovery
                .healthCheckCustomConfig(health -> { }))
                .service();
        ecs.createService(request -> request.cluster(cluster).serviceName(serviceName).taskDefinition(taskDefinition)
                .desiredCount(DESIRED_COUNT).launchType(LaunchType.FARGATE)
                .networkConfiguration(network -> network.awsvpcConfiguration(awsvpc -> awsvpc.subnets(subnets)))
                .serviceRegistries(registries -> registries.registryArn(registry.arn())));
        return registry;
    }

    /** Exercise 06.4: the IPv4 addresses of the service's healthy instances, as DiscoverInstances answers them. */
    public static List<String> discoverIps(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName) {
        return cloudMap.discoverInstances(request -> request.namespaceName(namespaceName).serviceName(serviceName))
                .instances().stream()
                .map(HttpInstanceSummary::attributes)
                .map(attributes -> attributes.get("AWS_INSTANCE_IPV4"))
                .toList();
    }

    /**
     * Exercise 06.5: stops one of the backend's tasks and answers the backend's IPs once the
     * scheduler has replaced it and discovery has caught up.
     */
    public static List<String> replaceTask(EcsClient ecs, EcsWaiter waiter, ServiceDiscoveryClient cloudMap, String cluster,
                                           String serviceName, String namespaceName, String taskArn, Duration pollInterval) {
        ecs.stopTask(request -> request.cluster(cluster).task(taskArn).reason("Exercise 06.5: replaced on purpose"));
        waiter.waitUntilTasksStopped(request -> request.cluster(cluster).tasks(taskArn));
        waiter.waitUntilServicesStable(request -> request.cluster(cluster).services(serviceName));
        List<String> running = ecs.listTasks(request -> request.cluster(cluster).serviceName(serviceName)).taskArns();
        List<String> runningIps = ecs.describeTasks(request -> request.cluster(cluster).tasks(running)).tasks().stream()
                .map(BackendService::privateIp)
                .toList();
        // Cloud Map learns of the change a little after ECS: wait until it answers exactly the running tasks.
        return Poll.until(() -> discoverIps(cloudMap, namespaceName, serviceName),
                ips -> ips.size() == runningIps.size() && ips.containsAll(runningIps), pollInterval);
    }

    /** A Fargate task's private IPv4 address: every container of an awsvpc task shares its network interface. */
    private static String privateIp(Task task) {
        return task.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
    }

    /**
     * Exercise 06.7: the IPv4 addresses DNS answers for {@code name} (for example
     * {@code backend.shop.local}), asked of {@code dnsServer}, with nothing cached.
     */
    public static List<String> resolve(InetSocketAddress dnsServer, String name) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name, Name.root), Type.A);
            lookup.setResolver(new SimpleResolver(dnsServer));
            // Lookup keeps answers for their TTL in a cache the whole JVM shares; ask afresh instead.
            lookup.setCache(null);
            Record[] answers = lookup.run();
            if (lookup.getResult() == Lookup.HOST_NOT_FOUND || lookup.getResult() == Lookup.TYPE_NOT_FOUND) {
                return List.of();
            }
            if (answers == null) {
                throw new IllegalStateException("DNS could not answer for " + name + ": " + lookup.getErrorString());
            }
            return Arrays.stream(answers).map(record -> ((ARecord) record).getAddress().getHostAddress()).toList();
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name", e);
        }
    }
}
