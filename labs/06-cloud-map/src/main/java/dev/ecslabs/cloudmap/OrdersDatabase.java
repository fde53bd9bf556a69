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
        // TODO: register the database as an instance of the service with its IP, port, version and stage, and wait until it exists
        throw new NotDoneYet();
    }

    /**
     * Exercise 06.3: the healthy database instances of the stage, those of the preferred version
     * if there are any, else all of the stage.
     */
    public static List<DatabaseEndpoint> discover(ServiceDiscoveryClient cloudMap, String namespaceName, String serviceName,
                                                  String stage, String preferredVersion) {
        // TODO: discover the databases of stage, preferring preferredVersion when one has it, and return them as DatabaseEndpoints
        throw new NotDoneYet();
    }
}
