package dev.ecslabs.cloudmap;

import java.time.Duration;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;

/** Cloud Map namespaces, and waiting for the operations that create, change and delete things in Cloud Map. */
public final class Namespaces {
    private Namespaces() {
    }

    /**
     * Exercise 06.1: waits until a Cloud Map operation has finished, and answers it when it
     * SUCCEEDED; an operation that FAILED is an exception that says why.
     */
    public static Operation waitForOperation(ServiceDiscoveryClient cloudMap, String operationId, Duration pollInterval) {
        Operation operation = Poll.until(() -> cloudMap.getOperation(request -> request.operationId(operationId)).operation(),
                answer -> answer.status() == OperationStatus.SUCCESS || answer.status() == OperationStatus.FAIL,
                pollInterval);
        if (operation.status() == OperationStatus.FAIL) {
            throw new IllegalStateException("Cloud Map operation " + operationId + " (" + operation.typeAsString()
                    + ") failed: " + operation.errorCode() + ": " + operation.errorMessage());
        }
        return operation;
    }

    /**
     * Exercise 06.1: a private DNS namespace in the VPC and an HTTP namespace, both created and ready.
     */
    public static NamespaceIds create(ServiceDiscoveryClient cloudMap, String privateDnsName, String httpName, String vpcId,
                                      Duration pollInterval) {
        // Both operations run at once; waiting for each in turn takes as long as the slower.
        String privateDns = cloudMap.createPrivateDnsNamespace(request -> request.name(privateDnsName).vpc(vpcId)
                .description("Names the shop's services resolve by DNS inside the VPC")).operationId();
        String http = cloudMap.createHttpNamespace(request -> request.name(httpName)
                .description("Names the shop's services find with DiscoverInstances")).operationId();
        return new NamespaceIds(namespaceOf(waitForOperation(cloudMap, privateDns, pollInterval)),
                namespaceOf(waitForOperation(cloudMap, http, pollInterval)));
    }

    private static String namespaceOf(Operation operation) {
        return operation.targets().get(OperationTargetType.NAMESPACE);
    }
}
