package dev.ecslabs.cloudmap;

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
        ecs.updateService(request -> request.cluster(cluster).service(serviceName).desiredCount(0));
        ecs.deleteService(request -> request.cluster(cluster).service(serviceName));
        waiter.waitUntilServicesInactive(request -> request.cluster(cluster).services(serviceName));
        // A Cloud Map service that still holds instances can't be deleted (ResourceInUse).
        Poll.until(() -> cloudMap.listInstances(request -> request.serviceId(cloudMapServiceId)).instances(),
                instances -> instances.isEmpty(), pollInterval);
        cloudMap.deleteService(request -> request.id(cloudMapServiceId));
        String operationId = cloudMap.deleteNamespace(request -> request.id(namespaceId)).operationId();
        Namespaces.waitForOperation(cloudMap, operationId, pollInterval);
    }
}
