package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

/**
 * Registering and deregistering instances: RegisterInstance is an upsert by InstanceId, and "one
 * RegisterInstance request must complete before you can submit another request and specify the
 * same service ID and instance ID" (https://docs.aws.amazon.com/cloud-map/latest/api/API_RegisterInstance.html).
 */
final class Instances {
    /** "Instances per service: 1,000", "Instances per namespace: 2,000" (Cloud Map service quotas). */
    static final int MAX_PER_SERVICE = 1_000;
    static final int MAX_PER_NAMESPACE = 2_000;

    private final AccountRegion region;

    private Instances(AccountRegion region) {
        this.region = region;
    }

    static Instances of(AccountRegion region) {
        return new Instances(region);
    }

    static String resourceKeyPrefix(String serviceId) {
        return "instance:" + serviceId + "/";
    }

    static String resourceKey(String serviceId, String instanceId) {
        return resourceKeyPrefix(serviceId) + instanceId;
    }

    /** The operation already changing this instance, if one is in progress. */
    Optional<OperationRecord> inProgress(CloudMapServiceRecord service, String instanceId) {
        return Operations.of(region).inProgressOn(resourceKey(service.id(), instanceId));
    }

    OperationRecord register(CloudMapServiceRecord service, String instanceId, String creatorRequestId, Map<String, String> attributes) {
        Operations operations = Operations.of(region);
        Optional<OperationRecord> earlier = operations.byRequestId(OperationType.REGISTER_INSTANCE, creatorRequestId);
        if (earlier.isPresent() && earlier.get().inProgress()) {
            throw CloudMapErrors.duplicateRequest("A RegisterInstance request with the CreatorRequestId '" + creatorRequestId
                    + "' is in progress. Use a new CreatorRequestId for each registration.", earlier.get().id());
        }
        if (earlier.isPresent() && earlier.get().status() == OperationStatus.SUCCESS) {
            return earlier.get(); // a retry of a request that already succeeded runs nothing twice
        }
        inProgress(service, instanceId).ifPresent(operation -> {
            throw CloudMapErrors.duplicateRequest("Instance '" + instanceId + "' of service " + service.id() + " has a "
                    + operation.type() + " operation in progress; wait until it has finished (GetOperation).", operation.id());
        });
        NamespaceRecord namespace = Namespaces.of(region).require(service.namespaceId());
        InstanceAttributes.check(service, namespace, attributes);
        if (service.instance(instanceId).isEmpty()) {
            checkQuotas(service, namespace);
        }
        return operations.submit(OperationType.REGISTER_INSTANCE, targets(service, instanceId), creatorRequestId,
                resourceKey(service.id(), instanceId), OperationTimings.instanceChange(service.createsDnsRecords()),
                new OperationEffect.RegisterInstance(service.id(), instanceId, creatorRequestId, Map.copyOf(attributes)));
    }

    OperationRecord deregister(CloudMapServiceRecord service, String instanceId) {
        inProgress(service, instanceId).ifPresent(operation -> {
            throw CloudMapErrors.duplicateRequest("Instance '" + instanceId + "' of service " + service.id() + " has a "
                    + operation.type() + " operation in progress; wait until it has finished (GetOperation).", operation.id());
        });
        if (service.instance(instanceId).isEmpty()) {
            throw CloudMapErrors.instanceNotFound(instanceId, service.id());
        }
        return Operations.of(region).submit(OperationType.DEREGISTER_INSTANCE, targets(service, instanceId), null,
                resourceKey(service.id(), instanceId), OperationTimings.instanceChange(service.createsDnsRecords()),
                new OperationEffect.DeregisterInstance(service.id(), instanceId));
    }

    private void checkQuotas(CloudMapServiceRecord service, NamespaceRecord namespace) {
        if (service.instances().size() >= MAX_PER_SERVICE) {
            throw CloudMapErrors.resourceLimitExceeded("Service " + service.id() + " already has " + MAX_PER_SERVICE
                    + " instances, the most Cloud Map allows in one service.");
        }
        int inNamespace = CloudMapServices.of(region).instanceCount(namespace.id());
        if (inNamespace >= MAX_PER_NAMESPACE) {
            throw CloudMapErrors.resourceLimitExceeded("Namespace " + namespace.id() + " already has " + MAX_PER_NAMESPACE
                    + " instances, the most Cloud Map allows in one namespace by default.");
        }
    }

    private static Map<OperationTargetType, String> targets(CloudMapServiceRecord service, String instanceId) {
        return Map.of(OperationTargetType.NAMESPACE, service.namespaceId(), OperationTargetType.SERVICE, service.id(),
                OperationTargetType.INSTANCE, instanceId);
    }
}
