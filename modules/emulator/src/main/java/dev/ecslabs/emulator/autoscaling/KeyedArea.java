package dev.ecslabs.emulator.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An area of Application Auto Scaling's resources of one kind (scalable targets, policies,
 * scheduled actions, activities) or of EC2 Auto Scaling's (groups), each kept whole under its key, sorted by key, and journaled
 * resource by resource.
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
            byKey.put(key, SavedStateJson.read(json, type));
        }
    }
}
