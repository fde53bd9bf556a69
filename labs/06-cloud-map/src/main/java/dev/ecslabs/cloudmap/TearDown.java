package dev.ecslabs.cloudmap;

import dev.ecslabs.labkit.NotDoneYet;
import java.time.Duration;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/** Taking the backend down in the only order AWS accepts: what uses a thing goes before the thing. */
public final class TearDown {
    private TearDown() {
    }

    /**
     * Exercise 06.8: deletes the ECS service, then (once ECS has deregistered its tasks) the Cloud
     * Map service, then the namespace, waiting for each step.
     */
    public static void tearDown(EcsClient ecs, EcsWaiter waiter, ServiceDiscoveryClient cloudMap, String cluster,
                                String serviceName, String cloudMapServiceId, String namespaceId, Duration pollInterval) {
        // TODO: delete the ECS service, then the Cloud Map service once it has no instances, then the namespace, each once AWS allows it
        throw new NotDoneYet();
    }
}
