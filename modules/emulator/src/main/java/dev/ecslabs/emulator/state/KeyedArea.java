package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An area of resources of one kind, each a record kept whole under its key (an ARN, a name),
 * sorted by key, saved by {@link SavedStateJson} and journaled resource by resource: Application
 * Auto Scaling's scalable targets, policies, scheduled actions and activities, EC2 Auto Scaling's
 * groups, ECS's Auto Scaling group capacity providers, Elastic Load Balancing's load balancers and
 * target groups. A subclass adds the lookups and rules of its kind, and may check what is restored.
 */
public abstract class KeyedArea<T> implements ResourceArea {
    private final AccountRegion region;
    private final Class<T> type;
    private final Map<String, T> byKey = new TreeMap<>();

    protected KeyedArea(AccountRegion region, Class<T> type) {
        this.region = region;
        this.type = type;
    }

    public final AccountRegion region() {
        return region;
    }

    public final Optional<T> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public final void put(String key, T value) {
        byKey.put(key, value);
        region.changed(getClass(), key);
    }

    /**
     * A change the clock makes (a load balancer turning active, a target's health): kept at once,
     * and reaching the disk with the next checkpoint rather than the journal, as lifecycle steps do.
     */
    public final void putByClock(String key, T value) {
        byKey.put(key, value);
    }

    public final void remove(String key) {
        if (byKey.remove(key) != null) {
            region.changed(getClass(), key);
        }
    }

    /** Forgets the resource of the lowest key (the oldest, where keys sort by time). */
    public final void removeFirst() {
        if (!byKey.isEmpty()) {
            remove(((TreeMap<String, T>) byKey).firstKey());
        }
    }

    /** Every resource, sorted by key. */
    public final List<T> values() {
        return List.copyOf(byKey.values());
    }

    public final boolean isEmpty() {
        return byKey.isEmpty();
    }

    @Override
    public final JsonNode snapshot() {
        return SavedStateJson.write(byKey);
    }

    @Override
    public final void restore(JsonNode snapshot) {
        Map<String, T> saved = SavedStateJson.MAPPER.convertValue(snapshot,
                TypeFactory.defaultInstance().constructMapType(TreeMap.class, String.class, type));
        saved.forEach(this::check);
        byKey.putAll(saved);
    }

    @Override
    public final Optional<JsonNode> snapshotOf(String key) {
        return get(key).map(SavedStateJson::write);
    }

    @Override
    public final void restoreResource(String key, JsonNode json) {
        if (json == null) {
            byKey.remove(key);
        } else {
            T value = SavedStateJson.read(json, type);
            check(key, value);
            byKey.put(key, value);
        }
    }

    /** Refuses a resource read back that can't be the one saved under {@code key}; throws with what is wrong. */
    protected void check(String key, T value) {
        if (value == null) {
            throw new IllegalArgumentException("nothing was saved under '" + key + "'");
        }
    }
}
