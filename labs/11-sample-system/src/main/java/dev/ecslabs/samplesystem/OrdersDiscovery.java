package dev.ecslabs.samplesystem;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;

/** Finding the orders' tasks by name and by attribute, as a client that asks Cloud Map's API does. */
public final class OrdersDiscovery {
    /** The attribute ECS gives every instance it registers: which cluster (here: which environment) the task runs in. */
    public static final String CLUSTER_ATTRIBUTE = "ECS_CLUSTER_NAME";

    private OrdersDiscovery() {
    }

    /** The orders' instances in the shop's namespace whose tasks run in the shop's cluster (DiscoverInstances). */
    public static List<HttpInstanceSummary> instances(ServiceDiscoveryClient cloudMap, Shop shop) {
        // TODO: answer the orders instances of the shop namespace whose attribute CLUSTER_ATTRIBUTE is the shop cluster (healthy, else all)
        throw new NotDoneYet();
    }
}
