package dev.ecslabs.cloudmap;

import dev.ecslabs.labkit.NotDoneYet;
import java.time.Duration;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.Operation;

/** Cloud Map namespaces, and waiting for the operations that create, change and delete things in Cloud Map. */
public final class Namespaces {
    private Namespaces() {
    }

    /**
     * Exercise 06.1: waits until a Cloud Map operation has finished, and answers it when it
     * SUCCEEDED; an operation that FAILED is an exception that says why.
     */
    public static Operation waitForOperation(ServiceDiscoveryClient cloudMap, String operationId, Duration pollInterval) {
        // TODO: wait until the operation has succeeded or failed; return it if it succeeded, else throw an IllegalStateException naming its error
        throw new NotDoneYet();
    }

    /**
     * Exercise 06.1: a private DNS namespace in the VPC and an HTTP namespace, both created and ready.
     */
    public static NamespaceIds create(ServiceDiscoveryClient cloudMap, String privateDnsName, String httpName, String vpcId,
                                      Duration pollInterval) {
        // TODO: create the private DNS namespace (in vpcId) and the HTTP namespace, wait for both, and return their namespace ids
        throw new NotDoneYet();
    }
}
