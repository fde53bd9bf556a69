package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.DnsConfig;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckCustomConfig;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.ServiceChange;
import software.amazon.awssdk.services.servicediscovery.model.ServiceType;
import software.amazon.awssdk.services.servicediscovery.model.ServiceTypeOption;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * The Cloud Map services of one account and region, and the rules of CreateService, UpdateService
 * and DeleteService (https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateService.html).
 * Creating and deleting a service is immediate; UpdateService is an operation. Journaled service by
 * service, by id, with its instances and their health: a service handed out to a call (which may
 * register, deregister or change the health of its instances in place) is journaled if the call
 * left it different.
 */
final class CloudMapServices implements ResourceArea {
    private final AccountRegion region;
    private final Map<String, CloudMapServiceRecord> byId = new LinkedHashMap<>();

    private CloudMapServices(AccountRegion region) {
        this.region = region;
    }

    static CloudMapServices of(AccountRegion region) {
        return region.area(CloudMapServices.class, CloudMapServices::new);
    }

    Optional<CloudMapServiceRecord> find(String idOrArn) {
        return CloudMapArns.idOf(region, idOrArn, "service").map(byId::get).map(this::handedOut);
    }

    CloudMapServiceRecord require(String idOrArn) {
        return find(idOrArn).orElseThrow(() -> CloudMapErrors.serviceNotFound(idOrArn));
    }

    List<CloudMapServiceRecord> inNamespace(String namespaceId) {
        return heldIn(namespaceId).stream().map(this::handedOut).toList();
    }

    /** How many services a namespace holds, and how many instances in all: reads only. */
    int serviceCount(String namespaceId) {
        return heldIn(namespaceId).size();
    }

    int instanceCount(String namespaceId) {
        return heldIn(namespaceId).stream().mapToInt(s -> s.instances().size()).sum();
    }

    private List<CloudMapServiceRecord> heldIn(String namespaceId) {
        return byId.values().stream().filter(s -> s.namespaceId().equals(namespaceId)).toList();
    }

    /** Every service, oldest first. */
    List<CloudMapServiceRecord> all() {
        List<CloudMapServiceRecord> all = new ArrayList<>(byId.values());
        all.forEach(this::handedOut);
        return all;
    }

    /** The service a DNS namespace or DiscoverInstances names: DNS names ignore case, HTTP names do not. */
    Optional<CloudMapServiceRecord> byName(NamespaceRecord namespace, String name) {
        return heldIn(namespace.id()).stream()
                .filter(s -> namespace.isDns() ? s.name().equalsIgnoreCase(name) : s.name().equals(name))
                .findFirst().map(this::handedOut);
    }

    /** A service handed out to a call, which may change its instances in place: journaled if the call leaves it different. */
    private CloudMapServiceRecord handedOut(CloudMapServiceRecord service) {
        region.handedOut(this, service.id());
        return service;
    }

    CloudMapServiceRecord create(CreateServiceRequest request) {
        String namespaceId = request.namespaceId() != null ? request.namespaceId()
                : request.dnsConfig() != null ? request.dnsConfig().namespaceId() : null;
        if (namespaceId == null) {
            throw CloudMapErrors.invalidInput("CreateService needs the NamespaceId (an id or ARN) of the namespace to "
                    + "create the service in.");
        }
        NamespaceRecord namespace = Namespaces.of(region).require(namespaceId);
        if (namespace.state() == NamespaceRecord.State.DELETING) {
            throw new AwsException("NamespaceNotFound", "Namespace " + namespace.id() + " is being deleted.");
        }
        boolean apiOnly = request.type() == ServiceTypeOption.HTTP;
        if (request.type() == ServiceTypeOption.UNKNOWN_TO_SDK_VERSION) {
            throw CloudMapErrors.invalidInput("The only Type a service can be given is HTTP.");
        }
        DnsConfig dnsConfig = null;
        if (request.dnsConfig() != null) {
            if (apiOnly) {
                throw CloudMapErrors.invalidInput("A service of Type HTTP is discovered with DiscoverInstances only and "
                        + "has no DNS records: leave DnsConfig out, or leave Type out.");
            }
            dnsConfig = CloudMapServiceRules.dnsConfig(request.dnsConfig(), namespace);
        }
        if (request.healthCheckConfig() != null && request.healthCheckCustomConfig() != null) {
            throw CloudMapErrors.invalidInput("Give either HealthCheckConfig or HealthCheckCustomConfig, not both.");
        }
        if (request.healthCheckConfig() != null) {
            CloudMapServiceRules.checkHealthCheckConfig(request.healthCheckConfig(), namespace, dnsConfig);
        }
        heldIn(namespace.id()).stream().filter(s -> namespace.isDns() ? s.name().equalsIgnoreCase(request.name())
                : s.name().equals(request.name())).findFirst().ifPresent(existing -> {
            throw serviceAlreadyExists(existing);
        });
        List<Tag> tags = CloudMapTags.checked(request.tags(), request.name());
        // "This parameter is no longer supported and is always set to 1."
        HealthCheckCustomConfig custom = request.healthCheckCustomConfig() == null ? null
                : HealthCheckCustomConfig.builder().failureThreshold(1).build();
        String id = CloudMapIds.serviceId();
        CloudMapServiceRecord service = new CloudMapServiceRecord(id, CloudMapArns.service(region, id), region.accountId(), request.name(),
                namespace.id(), dnsConfig == null ? ServiceType.HTTP : ServiceType.DNS_HTTP, request.description(),
                dnsConfig, request.healthCheckConfig(), custom, request.creatorRequestId(), tags, region.now());
        byId.put(id, service);
        region.changed(CloudMapServices.class, id);
        return service;
    }

    void delete(String idOrArn) {
        CloudMapServiceRecord service = require(idOrArn);
        boolean registering = Operations.of(region).all().stream()
                .anyMatch(o -> o.inProgress() && o.resourceKey().startsWith(Instances.resourceKeyPrefix(service.id())));
        if (!service.instances().isEmpty() || registering) {
            throw CloudMapErrors.resourceInUse("Service " + service.id() + " still holds " + service.instances().size()
                    + " instance(s)" + (registering ? " and has registrations in progress" : "")
                    + ". Deregister its instances first (DeregisterInstance), then delete the service.");
        }
        byId.remove(service.id());
        region.changed(CloudMapServices.class, service.id());
    }

    /** Submits an UPDATE_SERVICE operation that applies {@code change} when it succeeds. */
    OperationRecord update(String idOrArn, ServiceChange change) {
        CloudMapServiceRecord service = require(idOrArn);
        NamespaceRecord namespace = Namespaces.of(region).require(service.namespaceId());
        Operations operations = Operations.of(region);
        String key = "service:" + service.id();
        operations.inProgressOn(key).ifPresent(operation -> {
            throw CloudMapErrors.duplicateRequest("Service " + service.id() + " already has an update in progress.",
                    operation.id());
        });
        DnsConfig dnsConfig = service.dnsConfig();
        HealthCheckConfig healthCheck = service.healthCheckConfig();
        if (!namespace.isDns()) {
            if (change.dnsConfig() != null || change.healthCheckConfig() != null) {
                throw CloudMapErrors.invalidInput("The DNS and health check settings of a service in an HTTP namespace "
                        + "cannot be updated; only its Description can.");
            }
        } else {
            if (change.dnsConfig() != null) {
                dnsConfig = newTtls(service, change.dnsConfig().dnsRecords());
            }
            // "If you omit any existing ... HealthCheckConfig configurations from an UpdateService request,
            // the configurations are deleted from the service."
            healthCheck = change.healthCheckConfig();
            if (healthCheck != null) {
                if (service.hasCustomHealthCheck()) {
                    throw CloudMapErrors.invalidInput("Service " + service.id() + " has a custom health check; it cannot "
                            + "also have a HealthCheckConfig.");
                }
                CloudMapServiceRules.checkHealthCheckConfig(healthCheck, namespace, dnsConfig);
            }
        }
        return operations.submit(OperationType.UPDATE_SERVICE, Map.of(OperationTargetType.SERVICE, service.id()), null, key,
                OperationTimings.UPDATE_SERVICE,
                new OperationEffect.UpdateService(service.id(), change.description(), dnsConfig, healthCheck));
    }

    /** Every service with its instances, as {@link CloudMapServiceRecord.Saved}. */
    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(byId.values().stream().map(CloudMapServiceRecord::saved).toList());
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (CloudMapServiceRecord.Saved saved : SavedStateJson.read(snapshot, new TypeReference<List<CloudMapServiceRecord.Saved>>() { })) {
            CloudMapServiceRecord service = CloudMapServiceRecord.restored(saved);
            byId.put(service.id(), service);
        }
    }

    /** A service is journaled by its id, with its instances, as {@link CloudMapServiceRecord.Saved}. */
    @Override
    public Optional<JsonNode> snapshotOf(String id) {
        return Optional.ofNullable(byId.get(id)).map(service -> SavedStateJson.write(service.saved()));
    }

    @Override
    public void restoreResource(String id, JsonNode json) {
        if (json == null) {
            byId.remove(id);
            return;
        }
        CloudMapServiceRecord service = CloudMapServiceRecord.restored(SavedStateJson.read(json, CloudMapServiceRecord.Saved.class));
        if (!id.equals(service.id())) {
            throw new IllegalArgumentException("the service saved as '" + id + "' has the id " + service.id());
        }
        byId.put(id, service);
    }

    /** Schedules again, after a restart, the health changes that were on their way to instances. */
    void resume() {
        byId.values().forEach(service -> service.instances().forEach(instance -> InstanceHealth.resume(region, instance)));
    }

    /** "The record type of a service specified in a DnsRecord object can't be updated": only the TTLs change. */
    private static DnsConfig newTtls(CloudMapServiceRecord service, List<DnsRecord> records) {
        if (service.dnsConfig() == null) {
            throw CloudMapErrors.invalidInput("Service " + service.id() + " has no DNS records to update: a service's "
                    + "record types are set when it is created.");
        }
        CloudMapServiceRules.checkRecords(records);
        Set<RecordType> current = new HashSet<>();
        service.dnsConfig().dnsRecords().forEach(r -> current.add(r.type()));
        Set<RecordType> requested = new HashSet<>();
        records.forEach(r -> requested.add(r.type()));
        if (!current.equals(requested)) {
            throw CloudMapErrors.invalidInput("The record types of service " + service.id() + " are " + current
                    + " and cannot be changed (only their TTLs can). To change them, delete the service and create it "
                    + "again with the new DnsConfig.");
        }
        return service.dnsConfig().toBuilder().dnsRecords(records).build();
    }

    private static AwsException serviceAlreadyExists(CloudMapServiceRecord existing) {
        AwsException error = new AwsException("ServiceAlreadyExists", "The namespace already has a service named '"
                + existing.name() + "': " + existing.id() + ".")
                .with("ServiceId", existing.id()).with("ServiceArn", existing.arn());
        return existing.creatorRequestId() == null ? error : error.with("CreatorRequestId", existing.creatorRequestId());
    }
}
