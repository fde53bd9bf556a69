package dev.ecslabs.cloudmap;

import dev.ecslabs.labkit.NotDoneYet;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

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
        // TODO: registerInstance with the database's instanceId and the attributes AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT, version and stage, then wait for its operation (Namespaces.waitForOperation)
        throw new NotDoneYet();
    }

    /**
     * Exercise 06.3: the healthy database instances of the stage, those of the preferred version
     * if there are any, else all of the stage.
     */
    public static List<DatabaseEndpoint> discover(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName,
                                                  String stage, String preferredVersion) {
        // TODO: discoverInstances with queryParameters stage and optionalParameters version, and turn each instance back into a DatabaseEndpoint from its id and attributes
        throw new NotDoneYet();
    }
}
