package dev.ecslabs.cloudmap;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;

/** The orders database, which runs outside ECS: registered in Cloud Map by hand, and found by its attributes. */
public final class OrdersDatabase {
    static final String IPV4 = "AWS_INSTANCE_IPV4";
    static final String PORT = "AWS_INSTANCE_PORT";
    static final String VERSION = "version";
    static final String STAGE = "stage";

    private OrdersDatabase() {
    }

    /** Exercise 06.2: registers the database in the Cloud Map service, and waits until it is registered. */
    public static void register(ServiceDiscoveryClient cloudMap, String serviceId, DatabaseEndpoint database,
                                Duration pollInterval) {
        String operationId = cloudMap.registerInstance(request -> request.serviceId(serviceId)
                .instanceId(database.instanceId())
                .attributes(Map.of(IPV4, database.address(), PORT, String.valueOf(database.port()),
                        VERSION, database.version(), STAGE, database.stage())))
                .operationId();
        Namespaces.waitForOperation(cloudMap, operationId, pollInterval);
    }

    /**
     * Exercise 06.3: the healthy database instances of the stage, those of the preferred version
     * if there are any, else all of the stage.
     */
    public static List<DatabaseEndpoint> discover(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName,
                                                  String stage, String preferredVersion) {
        return cloudMap.discoverInstances(request -> request.namespaceName(namespaceName).serviceName(serviceName)
                        .queryParameters(Map.of(STAGE, stage))
                        .optionalParameters(Map.of(VERSION, preferredVersion)))
                .instances().stream()
                .map(OrdersDatabase::endpoint)
                .toList();
    }

    private static DatabaseEndpoint endpoint(HttpInstanceSummary instance) {
        Map<String, String> attributes = instance.attributes();
        return new DatabaseEndpoint(instance.instanceId(), attributes.get(IPV4), Integer.parseInt(attributes.get(PORT)),
                attributes.get(VERSION), attributes.get(STAGE));
    }
}
