package dev.ecslabs.emulator.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The areas that survive a restart, each under the key it has in the snapshot file
 * ({@code "ecs/clusters"}). A service's wiring class registers its areas here, as it registers its
 * actions in the operation table.
 */
public final class PersistentAreas {
    private final Map<String, Entry<?>> byKey = new LinkedHashMap<>();

    private record Entry<T extends PersistentArea>(Class<T> type, Function<AccountRegion, T> area) {
    }

    /**
     * Registers an area: its key in the snapshot, its class, and how to reach (or create) it in an
     * account-region, which is the area's own {@code of} method: {@code add("ecs/clusters", Clusters.class, Clusters::of)}.
     */
    public <T extends PersistentArea> PersistentAreas add(String key, Class<T> type, Function<AccountRegion, T> area) {
        if (byKey.putIfAbsent(key, new Entry<>(type, area)) != null) {
            throw new IllegalArgumentException("Two areas are registered under the snapshot key " + key);
        }
        return this;
    }

    public Set<String> keys() {
        return byKey.keySet();
    }

    /** The area of that key in an account-region, if it holds any state yet (never creates one). */
    public Optional<PersistentArea> existing(String key, AccountRegion region) {
        return region.existingArea(byKey.get(key).type()).map(PersistentArea.class::cast);
    }

    /** The area of that key in an account-region, created empty if needed; empty for a key nobody registered. */
    public Optional<PersistentArea> create(String key, AccountRegion region) {
        Entry<?> entry = byKey.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.area().apply(region));
    }
}
