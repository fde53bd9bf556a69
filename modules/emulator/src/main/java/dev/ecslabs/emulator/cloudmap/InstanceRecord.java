package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;

/** One registered Cloud Map instance: its attributes and its current health, with a health change that may be on its way. */
final class InstanceRecord {
    static final String IPV4 = "AWS_INSTANCE_IPV4";
    static final String IPV6 = "AWS_INSTANCE_IPV6";
    static final String PORT = "AWS_INSTANCE_PORT";
    static final String CNAME = "AWS_INSTANCE_CNAME";
    static final String ALIAS_DNS_NAME = "AWS_ALIAS_DNS_NAME";
    static final String EC2_INSTANCE_ID = "AWS_EC2_INSTANCE_ID";
    static final String INIT_HEALTH_STATUS = "AWS_INIT_HEALTH_STATUS";

    private final String id;
    private final String createdByAccount;
    private String creatorRequestId;
    private Map<String, String> attributes;
    private HealthStatus health;
    private HealthStatus pendingHealth;
    private Instant pendingHealthAt;
    private EmulatorClock.Scheduled pendingHealthStep;

    InstanceRecord(String id, String createdByAccount) {
        this.id = id;
        this.createdByAccount = createdByAccount;
    }

    String id() {
        return id;
    }

    Map<String, String> attributes() {
        return attributes;
    }

    String attribute(String key) {
        return attributes.get(key);
    }

    void registered(String creatorRequestId, Map<String, String> attributes) {
        this.creatorRequestId = creatorRequestId;
        this.attributes = Map.copyOf(attributes);
    }

    HealthStatus health() {
        return health;
    }

    /** The health status a change already on its way will set, or null. */
    HealthStatus pendingHealth() {
        return pendingHealth;
    }

    /** Sets the health now, dropping any change that was on its way. */
    void health(HealthStatus health) {
        cancelPendingHealth();
        this.health = health;
    }

    /** When the health change on its way takes effect, or null. */
    Instant pendingHealthAt() {
        return pendingHealthAt;
    }

    /** A health change on its way: {@code target} at {@code at}, by {@code step} ({@code null} until it is scheduled). */
    void pendingHealth(HealthStatus target, Instant at, EmulatorClock.Scheduled step) {
        cancelPendingHealth();
        this.pendingHealth = target;
        this.pendingHealthAt = at;
        this.pendingHealthStep = step;
    }

    void cancelPendingHealth() {
        if (pendingHealthStep != null) {
            pendingHealthStep.cancel();
        }
        pendingHealth = null;
        pendingHealthAt = null;
        pendingHealthStep = null;
    }

    /** One instance as it is saved, bound by {@link SavedStateJson}; a pending health change is scheduled again when its service resumes. */
    record Saved(Instance instance, HealthStatus health, HealthStatus pendingHealth, Instant pendingHealthAt) {
    }

    Saved saved() {
        return new Saved(Instance.builder().id(id).creatorRequestId(creatorRequestId)
                .attributes(attributes == null ? null : new TreeMap<>(attributes)).createdByAccount(createdByAccount).build(),
                health, pendingHealth, pendingHealth == null ? null : pendingHealthAt);
    }

    static InstanceRecord restored(Saved saved) {
        Instance instance = saved == null ? null : saved.instance();
        if (instance == null || instance.id() == null || !instance.hasAttributes()) {
            throw new IllegalArgumentException("an instance lacks its Id or Attributes");
        }
        if (saved.pendingHealth() != null && saved.pendingHealthAt() == null) {
            throw new IllegalArgumentException("instance " + instance.id() + " has a pending health change without its time");
        }
        InstanceRecord record = new InstanceRecord(instance.id(), instance.createdByAccount());
        record.registered(instance.creatorRequestId(), instance.attributes());
        record.health = saved.health();
        record.pendingHealth = saved.pendingHealth();
        record.pendingHealthAt = saved.pendingHealth() == null ? null : saved.pendingHealthAt();
        return record;
    }

    Instance toInstance() {
        return Instance.builder().id(id).creatorRequestId(creatorRequestId).attributes(attributes)
                .createdByAccount(createdByAccount).build();
    }

    InstanceSummary toSummary() {
        return InstanceSummary.builder().id(id).attributes(attributes).createdByAccount(createdByAccount).build();
    }
}
