package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the call being answered on the current thread did to each account-region: the resources it
 * changed in the areas that mark them ({@link ResourceArea}), and the other areas it reached. After
 * the call and before it is answered, they are written to the journal. Only threads that answer
 * calls keep a record; lifecycle steps on the clock reach the disk with the next checkpoint.
 *
 * <p>A resource an area hands out mutable ({@link AccountRegion#handedOut}) is marked too, with its
 * state as it was when first handed out in the call: it is journaled only if the call left it
 * different, so a call that only read it writes nothing and is answered at once.
 */
public final class CallChanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ThreadLocal<Map<AccountRegion, Reached>> current = new ThreadLocal<>();

    /** What calls did to one account-region: resources changed, by area and key, and the other areas reached. */
    public static final class Reached {
        private final Map<Class<?>, Set<String>> resources = new LinkedHashMap<>();
        /** For a resource only handed out so far: its JSON before the call, to tell at its end whether the call changed it. */
        private final Map<Class<?>, Map<String, byte[]>> before = new HashMap<>();
        private final Set<Class<?>> areas = new LinkedHashSet<>();

        /** The keys of the resources changed in each {@link ResourceArea}, in the order first changed. */
        public Map<Class<?>, Set<String>> resources() {
            return resources;
        }

        /** The areas reached, changed or only read; only those that are not {@link ResourceArea}s matter. */
        public Set<Class<?>> areas() {
            return areas;
        }

        public boolean isEmpty() {
            return resources.isEmpty() && areas.isEmpty();
        }

        void addAll(Reached other) {
            other.resources.forEach((area, keys) -> resources.computeIfAbsent(area, key -> new LinkedHashSet<>()).addAll(keys));
            areas.addAll(other.areas);
        }

        /**
         * Drops each resource that was only handed out and is now as it was before the call: the
         * call did not change it. Runs under the account-region's lock, once the call is done.
         */
        void dropUnchanged(AccountRegion region, PersistentAreas known) {
            before.forEach((area, states) -> {
                Set<String> keys = resources.get(area);
                Optional<ResourceArea> held = known.keyOf(area).flatMap(key -> known.existing(key, region)).map(ResourceArea.class::cast);
                states.forEach((key, state) -> {
                    if (Arrays.equals(state, bytes(held.flatMap(a -> a.snapshotOf(key))))) {
                        keys.remove(key);
                    }
                });
                if (keys.isEmpty()) {
                    resources.remove(area);
                }
            });
            before.clear();
        }

        boolean handedOutAny() {
            return !before.isEmpty();
        }
    }

    /** Starts recording what this thread's call does. */
    public void begin() {
        current.set(new LinkedHashMap<>());
    }

    /** Stops recording and answers what the call did (empty when nothing was being recorded). */
    public Map<AccountRegion, Reached> end() {
        Map<AccountRegion, Reached> reached = current.get();
        current.remove();
        return reached == null ? Map.of() : reached;
    }

    void touched(AccountRegion region, Class<?> area) {
        Map<AccountRegion, Reached> reached = current.get();
        if (reached != null) {
            reached.computeIfAbsent(region, key -> new Reached()).areas.add(area);
        }
    }

    void changed(AccountRegion region, Class<?> area, String key) {
        Map<AccountRegion, Reached> reached = current.get();
        if (reached != null) {
            Reached changes = reached.computeIfAbsent(region, any -> new Reached());
            changes.resources.computeIfAbsent(area, any -> new LinkedHashSet<>()).add(key);
            // changed for sure: written whatever it held before
            Map<String, byte[]> states = changes.before.get(area);
            if (states != null) {
                states.remove(key);
            }
        }
    }

    void handedOut(AccountRegion region, ResourceArea area, String key) {
        Map<AccountRegion, Reached> reached = current.get();
        if (reached == null) {
            return;
        }
        Reached changes = reached.computeIfAbsent(region, any -> new Reached());
        if (changes.resources.computeIfAbsent(area.getClass(), any -> new LinkedHashSet<>()).add(key)) {
            changes.before.computeIfAbsent(area.getClass(), any -> new HashMap<>()).put(key, bytes(area.snapshotOf(key)));
        }
    }

    /** A resource's JSON as the journal compares it: {@code null} for one the area does not hold. */
    static byte[] bytes(Optional<JsonNode> resource) {
        try {
            return JSON.writeValueAsBytes(resource.orElse(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A resource can't be written as JSON", e);
        }
    }
}
