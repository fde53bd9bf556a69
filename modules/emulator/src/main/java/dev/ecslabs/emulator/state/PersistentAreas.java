package dev.ecslabs.emulator.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The areas that survive a restart, each under the key it has in the snapshot file
 * ({@code "ecs/clusters"}), and what resumes their lifecycles once they are restored. A service's
 * wiring class registers its areas here, as it registers its actions in the operation table.
 */
public final class PersistentAreas {
    private final Map<String, Entry<?>> byKey = new LinkedHashMap<>();
    private final List<Resumer> resumers = new ArrayList<>();

    private record Entry<T extends PersistentArea>(Class<T> type, Function<AccountRegion, T> area) {
    }

    /**
     * Schedules again the pending lifecycle steps of restored areas (a task still PROVISIONING, a
     * Cloud Map operation SUBMITTED, a scan IN_PROGRESS), from the timestamps in their state. It
     * runs once per restored account-region, under its lock, after every area of every
     * account-region was restored, and may report what it found wrong (a blob missing for an
     * image) as a sentence for the learner.
     */
    @FunctionalInterface
    public interface Resumer {
        void resume(AccountRegion region, Consumer<String> problems);
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

    /** Registers what resumes lifecycles after a restore: {@code resumeWith((region, problems) -> fargate.resume(region))}. */
    public PersistentAreas resumeWith(Resumer resumer) {
        resumers.add(resumer);
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

    /** The key of the area of that class, if it is one that survives a restart. */
    Optional<String> keyOf(Class<?> type) {
        for (Map.Entry<String, Entry<?>> entry : byKey.entrySet()) {
            if (entry.getValue().type() == type) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Whether the area of that class is journaled resource by resource. */
    boolean isResourceArea(Class<?> type) {
        return ResourceArea.class.isAssignableFrom(type);
    }

    /** Whether the area of that class survives a restart and is journaled whole (it is not a {@link ResourceArea}). */
    boolean isWholeArea(Class<?> type) {
        return !isResourceArea(type) && keyOf(type).isPresent();
    }

    /** Drops the area of that key from an account-region: one whose restore failed half-way is not kept half. */
    void discard(String key, AccountRegion region) {
        Entry<?> entry = byKey.get(key);
        if (entry != null) {
            region.discardArea(entry.type());
        }
    }

    /** Every resumer, in the order they were registered. */
    List<Resumer> resumers() {
        return List.copyOf(resumers);
    }
}
