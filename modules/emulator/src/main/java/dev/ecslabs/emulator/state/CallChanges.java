package dev.ecslabs.emulator.state;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The areas that the call being answered on the current thread reached, by account-region: after
 * the call changed them and before it is answered, they are written to the journal. Only threads
 * that answer calls keep a record; lifecycle steps on the clock reach the disk with the next
 * checkpoint.
 */
public final class CallChanges {
    private final ThreadLocal<Map<AccountRegion, Set<Class<?>>>> current = new ThreadLocal<>();

    /** Starts recording the areas this thread's call reaches. */
    public void begin() {
        current.set(new LinkedHashMap<>());
    }

    /** Stops recording and answers what the call reached (empty when nothing was being recorded). */
    public Map<AccountRegion, Set<Class<?>>> end() {
        Map<AccountRegion, Set<Class<?>>> reached = current.get();
        current.remove();
        return reached == null ? Map.of() : reached;
    }

    void touched(AccountRegion region, Class<?> area) {
        Map<AccountRegion, Set<Class<?>>> reached = current.get();
        if (reached != null) {
            reached.computeIfAbsent(region, key -> new LinkedHashSet<>()).add(area);
        }
    }
}
