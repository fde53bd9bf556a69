package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * What the rest of the emulator asks of Cloud Map without going through HTTP: ECS service
 * registries (register a task when it runs, deregister it when it stops, follow its health) and
 * Service Connect (find or create the cluster's namespace). The same rules and operations as the
 * API apply; errors are Cloud Map's {@code AwsException}s, for the caller to turn into its own
 * service's codes. Call it from a request handler or a scheduled step, which hold the
 * account-region's lock already; anywhere else, inside {@code region.locked(...)}.
 */
public final class CloudMap {
    private final AccountRegion region;

    private CloudMap(AccountRegion region) {
        this.region = region;
    }

    public static CloudMap of(AccountRegion region) {
        return new CloudMap(region);
    }

    /**
     * The A records of the account-region's DNS namespaces: {@code service.namespace} → the IPv4
     * addresses of its instances, as its DNS answers hold them (the healthy ones when it has a
     * health check), for the names real containers resolve.
     */
    public Map<String, List<String>> addressRecords() {
        Map<String, List<String>> records = new TreeMap<>();
        CloudMapServices services = CloudMapServices.of(region);
        for (NamespaceRecord namespace : Namespaces.of(region).visible()) {
            if (!namespace.isDns()) {
                continue;
            }
            for (CloudMapServiceRecord service : services.inNamespace(namespace.id())) {
                if (service.dnsRecord(RecordType.A).isPresent()) {
                    List<String> addresses = DnsAnswers.candidates(service, InstanceRecord.IPV4).stream()
                            .map(instance -> instance.attribute(InstanceRecord.IPV4)).toList();
                    if (!addresses.isEmpty()) {
                        records.put((service.name() + "." + namespace.name()).toLowerCase(), addresses);
                    }
                }
            }
        }
        return records;
    }

    /** A namespace by id, ARN or name (any type), also one whose creation is still in progress. */
    public Optional<Namespace> namespace(String idArnOrName) {
        Namespaces namespaces = Namespaces.of(region);
        return namespaces.findIncludingCreating(idArnOrName)
                .or(() -> namespaces.all().stream().filter(ns -> ns.name().equals(idArnOrName)).findFirst())
                .map(ns -> ns.toNamespace(namespaces.serviceCount(ns)));
    }

    /**
     * The ARN of the namespace named {@code name}, creating an HTTP namespace of that name when
     * none exists, as ECS does for a cluster's Service Connect defaults; the new namespace can be
     * used once its CREATE_NAMESPACE operation succeeds.
     */
    public String findOrCreateHttpNamespace(String name) {
        Optional<Namespace> existing = namespace(name).filter(ns -> ns.name().equals(name));
        if (existing.isPresent()) {
            return existing.get().arn();
        }
        OperationRecord operation = Namespaces.of(region).create(new Namespaces.Spec(name, NamespaceType.HTTP, null, null,
                null, null, List.of()));
        return CloudMapArns.namespace(region, operation.target(OperationTargetType.NAMESPACE));
    }

    /** The service of that name in a namespace (by id or ARN, also one still being created), if there is one. */
    public Optional<Service> serviceNamed(String namespaceIdOrArn, String name) {
        return Namespaces.of(region).findIncludingCreating(namespaceIdOrArn)
                .flatMap(namespace -> CloudMapServices.of(region).byName(namespace, name))
                .map(CloudMapServiceRecord::toService);
    }

    public Optional<Service> service(String idOrArn) {
        return CloudMapServices.of(region).find(idOrArn).map(CloudMapServiceRecord::toService);
    }

    /** Creates a service with CreateService's rules, as ECS does when a service registry names no existing one. */
    public Service createService(CreateServiceRequest request) {
        return CloudMapServices.of(region).create(request).toService();
    }

    /**
     * Registers (or updates) an instance, as RegisterInstance does; when a change to the same
     * instance is still in progress, the registration waits for it instead of being refused.
     */
    public void registerInstance(String serviceIdOrArn, String instanceId, Map<String, String> attributes) {
        CloudMapServiceRecord service = CloudMapServices.of(region).require(serviceIdOrArn);
        Instances instances = Instances.of(region);
        Optional<OperationRecord> inProgress = instances.inProgress(service, instanceId);
        if (inProgress.isPresent()) {
            inProgress.get().whenDone(QueuedInstanceChange.register(serviceIdOrArn, instanceId, attributes), region);
            return;
        }
        instances.register(service, instanceId, null, attributes);
    }

    /**
     * Deregisters an instance, waiting for a change in progress on it first; nothing happens when
     * the instance is not registered (a task that stopped before it was).
     */
    public void deregisterInstance(String serviceIdOrArn, String instanceId) {
        Optional<CloudMapServiceRecord> service = CloudMapServices.of(region).find(serviceIdOrArn);
        if (service.isEmpty()) {
            return;
        }
        Instances instances = Instances.of(region);
        Optional<OperationRecord> inProgress = instances.inProgress(service.get(), instanceId);
        if (inProgress.isPresent()) {
            inProgress.get().whenDone(QueuedInstanceChange.deregister(serviceIdOrArn, instanceId), region);
            return;
        }
        if (service.get().instance(instanceId).isPresent()) {
            instances.deregister(service.get(), instanceId);
        }
    }

    /** UpdateInstanceCustomHealthStatus: applied about 30 seconds later, on services with a custom health check only. */
    public void updateInstanceCustomHealthStatus(String serviceIdOrArn, String instanceId, CustomHealthStatus status) {
        InstanceHealth.updateCustom(region, CloudMapServices.of(region).require(serviceIdOrArn), instanceId, status);
    }

    /**
     * How long a registration takes to succeed in a service: seconds for one with no DNS records
     * (an HTTP service, which Service Connect creates), longer for one with DNS records.
     */
    public static Duration registrationTime(boolean withDnsRecords) {
        return OperationTimings.instanceChange(withDnsRecords);
    }

    /** The registered instances of a service, by instance id. */
    public List<Instance> instances(String serviceIdOrArn) {
        return CloudMapServices.of(region).require(serviceIdOrArn).instances().stream().map(InstanceRecord::toInstance).toList();
    }

    public Optional<Operation> operation(String operationId) {
        return Operations.of(region).find(operationId).map(OperationRecord::toOperation);
    }
}
