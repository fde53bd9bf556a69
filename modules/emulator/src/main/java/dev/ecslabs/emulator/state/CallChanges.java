package dev.ecslabs.emulator.state;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the call being answered on the current thread did to each account-region: the resources it
 * changed in the areas that mark them ({@link ResourceArea}), and the other areas it reached. After
 * the call and before it is answered, they are written to the journal. Only threads that answer
 * calls keep a record; lifecycle steps on the clock reach the disk with the next checkpoint.
 */
public final class CallChanges {
    private final ThreadLocal<Map<AccountRegion, Reached>> current = new ThreadLocal<>();

    /** What calls did to one account-region: resources changed, by area and key, and the other areas reached. */
    public static final class Reached {
        private final Map<Class<?>, Set<String>> resources = new LinkedHashMap<>();
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
            reached.computeIfAbsent(region, any -> new Reached()).resources.computeIfAbsent(area, any -> new LinkedHashSet<>()).add(key);
        }
    }
}
