package dev.ecslabs.emulator.clock;

import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CloudWatch's minute on the emulator's clock: at each whole minute, for every account-region, the
 * registered steps run in order under its lock (ECS publishes the minute that ended, alarms are
 * evaluated on it, Application Auto Scaling acts on them). It ticks only while some step still has
 * work (a running service whose metrics someone uses, an alarm, a scalable target): an emulator
 * nobody asked for metrics schedules nothing, and whatever creates such work {@link #wake wakes} it.
 */
public final class EveryMinute {
    /** One step of the minute; answers whether the account-region still needs the next minute. */
    @FunctionalInterface
    public interface Step {
        boolean run(AccountRegion region, Instant minute);
    }

    private final EmulatorClock clock;
    private final StateStore store;
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private boolean scheduled;

    public EveryMinute(EmulatorClock clock, StateStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** Adds a step; steps run in the order they were added. */
    public EveryMinute add(Step step) {
        steps.add(step);
        return this;
    }

    /** Makes sure the next whole minute ticks (something now needs it); does nothing if it is due already. */
    public synchronized void wake() {
        if (!scheduled) {
            scheduled = true;
            clock.schedule(untilNextMinute(clock.now()), this::tick);
        }
    }

    static Duration untilNextMinute(Instant now) {
        long millis = now.toEpochMilli();
        long next = Math.floorDiv(millis, 60_000L) * 60_000L + 60_000L;
        return Duration.ofMillis(next - millis);
    }

    private void tick() {
        Instant now = clock.now();
        Instant minute = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 60) * 60);
        boolean needed = false;
        for (AccountRegion region : store.all()) {
            needed |= region.locked(() -> {
                boolean regionNeeds = false;
                for (Step step : steps) {
                    regionNeeds |= step.run(region, minute);
                }
                return regionNeeds;
            });
        }
        synchronized (this) {
            scheduled = false;
        }
        if (needed) {
            wake();
        }
    }
}
