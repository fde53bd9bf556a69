package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.servicediscovery.model.DnsProperties;
import software.amazon.awssdk.services.servicediscovery.model.HttpProperties;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceProperties;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.SOA;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/** One Cloud Map namespace as the emulator keeps it, from its CREATE_NAMESPACE operation until its deletion completes. */
final class NamespaceRecord {
    /** Where the namespace is in its life; only ACTIVE and DELETING namespaces can be seen. */
    enum State { CREATING, ACTIVE, DELETING }

    /** The negative-caching TTL of the hosted zone's SOA record when the request gives none. */
    static final long DEFAULT_SOA_TTL = 15;

    private final String id;
    private final String arn;
    private final String ownerAccount;
    private final String name;
    private final NamespaceType type;
    private final String vpc;
    private final String httpName;
    private final String hostedZoneId;
    private final String creatorRequestId;
    private final Instant createDate;
    private final long sequence;
    private String description;
    private long soaTtl;
    private List<Tag> tags;
    private State state = State.CREATING;

    NamespaceRecord(String id, String arn, String ownerAccount, String name, NamespaceType type, String vpc,
                    String httpName, String creatorRequestId, String description, Long soaTtl, List<Tag> tags,
                    Instant createDate, long sequence) {
        this(id, arn, ownerAccount, name, type, vpc, httpName, type == NamespaceType.HTTP ? null : CloudMapIds.hostedZoneId(),
                creatorRequestId, description, soaTtl, tags, createDate, sequence);
    }

    private NamespaceRecord(String id, String arn, String ownerAccount, String name, NamespaceType type, String vpc,
                            String httpName, String hostedZoneId, String creatorRequestId, String description, Long soaTtl,
                            List<Tag> tags, Instant createDate, long sequence) {
        this.id = id;
        this.arn = arn;
        this.ownerAccount = ownerAccount;
        this.name = name;
        this.type = type;
        this.vpc = vpc;
        this.httpName = httpName;
        this.hostedZoneId = hostedZoneId;
        this.creatorRequestId = creatorRequestId;
        this.description = description;
        this.soaTtl = soaTtl == null ? DEFAULT_SOA_TTL : soaTtl;
        this.tags = tags;
        this.createDate = createDate;
        this.sequence = sequence;
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

    NamespaceType type() {
        return type;
    }

    boolean isDns() {
        return type != NamespaceType.HTTP;
    }

    String vpc() {
        return vpc;
    }

    String httpName() {
        return httpName;
    }

    String creatorRequestId() {
        return creatorRequestId;
    }

    Instant createDate() {
        return createDate;
    }

    String sortKey() {
        return String.format("%019d", sequence);
    }

    long soaTtl() {
        return soaTtl;
    }

    State state() {
        return state;
    }

    boolean visible() {
        return state != State.CREATING;
    }

    void state(State state) {
        this.state = state;
    }

    void description(String description) {
        this.description = description;
    }

    void soaTtl(long soaTtl) {
        this.soaTtl = soaTtl;
    }

    List<Tag> tags() {
        return tags;
    }

    void tags(List<Tag> tags) {
        this.tags = tags;
    }

    Namespace toNamespace(int serviceCount) {
        return Namespace.builder().id(id).arn(arn).resourceOwner(ownerAccount).name(name).type(type)
                .description(description).serviceCount(serviceCount).properties(properties())
                .createDate(createDate).creatorRequestId(creatorRequestId).build();
    }

    NamespaceSummary toSummary(int serviceCount) {
        return NamespaceSummary.builder().id(id).arn(arn).resourceOwner(ownerAccount).name(name).type(type)
                .description(description).serviceCount(serviceCount).properties(properties())
                .createDate(createDate).build();
    }

    /** One namespace as it is saved, bound by {@link SavedStateJson}: what GetNamespace shows, and what it doesn't. */
    record Saved(Namespace namespace, String vpc, List<Tag> tags, State state, long sequence) {
    }

    Saved saved() {
        return new Saved(toNamespace(0), vpc, List.copyOf(tags), state, sequence);
    }

    static NamespaceRecord restored(Saved saved) {
        Namespace namespace = saved == null ? null : saved.namespace();
        if (namespace == null || namespace.id() == null || namespace.name() == null || namespace.type() == null
                || namespace.properties() == null || saved.state() == null) {
            throw new IllegalArgumentException("a namespace lacks its Id, Name, Type, Properties or state");
        }
        DnsProperties dns = namespace.properties().dnsProperties();
        NamespaceRecord record = new NamespaceRecord(namespace.id(), namespace.arn(), namespace.resourceOwner(),
                namespace.name(), namespace.type(), saved.vpc(),
                namespace.properties().httpProperties().httpName(), dns == null ? null : dns.hostedZoneId(),
                namespace.creatorRequestId(), namespace.description(),
                dns == null || dns.soa() == null ? null : dns.soa().ttl(),
                saved.tags() == null ? List.of() : List.copyOf(saved.tags()), namespace.createDate(), saved.sequence());
        record.state = saved.state();
        return record;
    }

    private NamespaceProperties properties() {
        DnsProperties.Builder dns = DnsProperties.builder();
        if (isDns()) {
            dns.hostedZoneId(hostedZoneId).soa(SOA.builder().ttl(soaTtl).build());
        }
        return NamespaceProperties.builder().dnsProperties(dns.build())
                .httpProperties(HttpProperties.builder().httpName(httpName).build()).build();
    }
}
