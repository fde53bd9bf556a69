package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.servicediscovery.model.DnsConfig;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckCustomConfig;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceType;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/** One Cloud Map service: its DNS and health check settings, its attributes and tags, and its registered instances. */
final class CloudMapServiceRecord {
    private final String id;
    private final String arn;
    private final String ownerAccount;
    private final String name;
    private final String namespaceId;
    private final ServiceType type;
    private final HealthCheckCustomConfig healthCheckCustomConfig;
    private final String creatorRequestId;
    private final Instant createDate;
    private final Map<String, InstanceRecord> instances = new TreeMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String description;
    private DnsConfig dnsConfig;
    private HealthCheckConfig healthCheckConfig;
    private List<Tag> tags;
    private long revision;

    CloudMapServiceRecord(String id, String arn, String ownerAccount, String name, String namespaceId, ServiceType type,
                  String description, DnsConfig dnsConfig, HealthCheckConfig healthCheckConfig,
                  HealthCheckCustomConfig healthCheckCustomConfig, String creatorRequestId, List<Tag> tags, Instant now) {
        this.id = id;
        this.arn = arn;
        this.ownerAccount = ownerAccount;
        this.name = name;
        this.namespaceId = namespaceId;
        this.type = type;
        this.description = description;
        this.dnsConfig = dnsConfig;
        this.healthCheckConfig = healthCheckConfig;
        this.healthCheckCustomConfig = healthCheckCustomConfig;
        this.creatorRequestId = creatorRequestId;
        this.tags = tags;
        this.createDate = now;
    }

    String id() {
        return id;
    }

    String arn() {
        return arn;
    }

    String name() {
        return name;
    }

    String namespaceId() {
        return namespaceId;
    }

    String creatorRequestId() {
        return creatorRequestId;
    }

    DnsConfig dnsConfig() {
        return dnsConfig;
    }

    void dnsConfig(DnsConfig dnsConfig) {
        this.dnsConfig = dnsConfig;
    }

    HealthCheckConfig healthCheckConfig() {
        return healthCheckConfig;
    }

    void healthCheckConfig(HealthCheckConfig healthCheckConfig) {
        this.healthCheckConfig = healthCheckConfig;
    }

    boolean hasCustomHealthCheck() {
        return healthCheckCustomConfig != null;
    }

    boolean hasHealthCheck() {
        return healthCheckConfig != null || healthCheckCustomConfig != null;
    }

    void description(String description) {
        this.description = description;
    }

    /** The DNS record of a type this service creates for each instance, if it creates one. */
    Optional<DnsRecord> dnsRecord(RecordType recordType) {
        if (dnsConfig == null) {
            return Optional.empty();
        }
        return dnsConfig.dnsRecords().stream().filter(r -> r.type() == recordType).findFirst();
    }

    boolean createsDnsRecords() {
        return dnsConfig != null && !dnsConfig.dnsRecords().isEmpty();
    }

    Map<String, String> attributes() {
        return attributes;
    }

    List<Tag> tags() {
        return tags;
    }

    void tags(List<Tag> tags) {
        this.tags = tags;
    }

    Optional<InstanceRecord> instance(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId));
    }

    /** The registered instances, by instance id. */
    Collection<InstanceRecord> instances() {
        return instances.values();
    }

    List<InstanceRecord> instanceList() {
        return new ArrayList<>(instances.values());
    }

    void put(InstanceRecord instance) {
        instances.put(instance.id(), instance);
        revision++;
    }

    void remove(String instanceId) {
        InstanceRecord removed = instances.remove(instanceId);
        if (removed != null) {
            removed.cancelPendingHealth();
            revision++;
        }
    }

    /** Rises with every registration and deregistration; health changes leave it as it is. */
    long revision() {
        return revision;
    }

    /** One service with its instances as it is saved, bound by {@link SavedStateJson}. */
    record Saved(Service service, List<Tag> tags, SortedMap<String, String> attributes, long revision,
                 List<InstanceRecord.Saved> instances) {
    }

    Saved saved() {
        return new Saved(toService(), List.copyOf(tags), new TreeMap<>(attributes), revision,
                instances.values().stream().map(InstanceRecord::saved).toList());
    }

    static CloudMapServiceRecord restored(Saved saved) {
        Service service = saved == null ? null : saved.service();
        if (service == null || service.id() == null || service.name() == null || service.namespaceId() == null
                || service.type() == null) {
            throw new IllegalArgumentException("a service lacks its Id, Name, NamespaceId or Type");
        }
        CloudMapServiceRecord record = new CloudMapServiceRecord(service.id(), service.arn(), service.resourceOwner(), service.name(),
                service.namespaceId(), service.type(), service.description(), service.dnsConfig(),
                service.healthCheckConfig(), service.healthCheckCustomConfig(), service.creatorRequestId(),
                saved.tags() == null ? List.of() : List.copyOf(saved.tags()), service.createDate());
        if (saved.attributes() != null) {
            record.attributes.putAll(saved.attributes());
        }
        for (InstanceRecord.Saved instance : saved.instances() == null ? List.<InstanceRecord.Saved>of() : saved.instances()) {
            InstanceRecord restored = InstanceRecord.restored(instance);
            record.instances.put(restored.id(), restored);
        }
        record.revision = saved.revision();
        return record;
    }

    Service toService() {
        return Service.builder().id(id).arn(arn).resourceOwner(ownerAccount).name(name).namespaceId(namespaceId)
                .description(description).instanceCount(instances.size()).dnsConfig(dnsConfig).type(type)
                .healthCheckConfig(healthCheckConfig).healthCheckCustomConfig(healthCheckCustomConfig)
                .createDate(createDate).creatorRequestId(creatorRequestId).createdByAccount(ownerAccount).build();
    }

    ServiceSummary toSummary() {
        return ServiceSummary.builder().id(id).arn(arn).resourceOwner(ownerAccount).name(name).type(type)
                .description(description).instanceCount(instances.size()).dnsConfig(dnsConfig)
                .healthCheckConfig(healthCheckConfig).healthCheckCustomConfig(healthCheckCustomConfig)
                .createDate(createDate).createdByAccount(ownerAccount).build();
    }
}
