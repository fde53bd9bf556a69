package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks that wait for room on an Auto Scaling group capacity provider: a service's tasks that
 * its provider's instances could not take at its last try, by provider and service, with what each
 * task needs. Managed scaling counts them as instances needed. Not saved: the service scheduler
 * tries again after a restart and says it anew.
 */
public final class WaitingTasks {
    /** How many tasks wait and what one of them needs. */
    public record Waiting(int count, int cpu, int memory) {
    }

    private final Map<String, Map<String, Waiting>> byProvider = new ConcurrentHashMap<>();

    private WaitingTasks(AccountRegion region) {
    }

    public static WaitingTasks of(AccountRegion region) {
        return region.area(WaitingTasks.class, WaitingTasks::new);
    }

    /** What {@code who} (a service ARN) could not place on the provider at its last try; a count of 0 clears it. */
    public void set(String provider, String who, Waiting waiting) {
        Map<String, Waiting> of = byProvider.computeIfAbsent(provider, p -> new ConcurrentHashMap<>());
        if (waiting.count() <= 0) {
            of.remove(who);
        } else {
            of.put(who, waiting);
        }
    }

    /** {@code who} waits for nothing any more, on any provider. */
    public void clear(String who) {
        byProvider.values().forEach(of -> of.remove(who));
    }

    public Map<String, Waiting> of(String provider) {
        return Map.copyOf(byProvider.getOrDefault(provider, Map.of()));
    }
}
