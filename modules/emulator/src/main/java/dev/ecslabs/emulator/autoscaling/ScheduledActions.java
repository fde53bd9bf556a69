package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.state.KeyedArea;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;

/** The scheduled actions of one account and region, by scalable target and name, with when each last ran. */
public final class ScheduledActions extends KeyedArea<ScheduledActions.Entry> {

    /** A scheduled action and the minute it last ran, in epoch milliseconds as saved (null before its first run). */
    public record Entry(ScheduledAction action, Long lastRunMillis) {
        Entry(ScheduledAction action, Instant lastRun) {
            this(action, lastRun == null ? null : lastRun.toEpochMilli());
        }

        Instant lastRun() {
            return lastRunMillis == null ? null : Instant.ofEpochMilli(lastRunMillis);
        }
    }

    private ScheduledActions(AccountRegion region) {
        super(region, Entry.class);
    }

    public static ScheduledActions of(AccountRegion region) {
        return region.area(ScheduledActions.class, ScheduledActions::new);
    }

    static String keyOf(ScheduledAction action) {
        return ScalableTargets.key(action.serviceNamespaceAsString(), action.resourceId(), action.scalableDimensionAsString())
                + "|" + action.scheduledActionName();
    }

    Optional<Entry> find(String targetKey, String name) {
        return get(targetKey + "|" + name);
    }

    void put(Entry entry) {
        put(keyOf(entry.action()), entry);
    }

    void remove(ScheduledAction action) {
        remove(keyOf(action));
    }

    public List<Entry> all() {
        return values();
    }
}
