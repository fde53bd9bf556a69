package dev.ecslabs.emulator.state;

import dev.ecslabs.emulator.clock.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything one AWS account owns in one region, as AWS keeps it apart: each service area
 * (clusters, repositories, namespaces, …) keeps its state here, created on first use. Requests and
 * scheduled lifecycle steps for the same account and region run one at a time under its lock, so
 * an area never sees a half-done change.
 */
public final class AccountRegion {
    private final String accountId;
    private final String region;
    private final EmulatorContext context;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Class<?>, Object> areas = new ConcurrentHashMap<>();

    public AccountRegion(String accountId, String region, EmulatorContext context) {
        this.accountId = accountId;
        this.region = region;
        this.context = context;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public EmulatorContext context() {
        return context;
    }

    public Instant now() {
        return context.clock().now();
    }

    /** The state of one service area, created with {@code factory} the first time it is asked for. */
    @SuppressWarnings("unchecked")
    public <T> T area(Class<T> type, Function<AccountRegion, T> factory) {
        context.calls().touched(this, type);
        Object existing = areas.get(type);
        if (existing != null) {
            return (T) existing;
        }
        return (T) areas.computeIfAbsent(type, key -> factory.apply(this));
    }

    /** The state of one service area if it was created already; never creates it. */
    public <T> Optional<T> existingArea(Class<T> type) {
        context.calls().touched(this, type);
        return Optional.ofNullable(type.cast(areas.get(type)));
    }

    /**
     * Marks one resource of a {@link ResourceArea} as changed (created, updated or deleted) by the
     * call being answered on this thread, so that it is journaled before the call is answered.
     * Every change to such an area's resources must be marked; a change the clock makes is not
     * (it reaches the disk with the next checkpoint) and the mark is then ignored.
     */
    public void changed(Class<? extends ResourceArea> area, String key) {
        context.calls().changed(this, area, key);
    }

    /**
     * Marks one resource that a {@link ResourceArea} hands out mutable (a service record whose
     * deployments and events the caller may change in place): the call being answered on this
     * thread may change it, so its state now is kept, and it is journaled before the call is
     * answered if the call left it different. Call it before handing the resource out.
     */
    public void handedOut(ResourceArea area, String key) {
        context.calls().handedOut(this, area, key);
    }

    /** Forgets one area, as if it had never been asked for: what a restore that failed half-way leaves is dropped. */
    void discardArea(Class<?> type) {
        areas.remove(type);
    }

    /** Runs {@code work} holding this account-region's lock. */
    public <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            // every change to an area happens in here, so this is where a snapshot learns it is due
            context.stateChanged();
            lock.unlock();
        }
    }

    /** Runs {@code work} holding the lock without counting it as a change: for taking snapshots, which only read. */
    <T> T lockedForSnapshot(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    /** Schedules a lifecycle step on the emulator's clock; it runs under this account-region's lock. */
    public EmulatorClock.Scheduled schedule(Duration delay, Runnable step) {
        return context.clock().schedule(delay, () -> locked(step));
    }

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}
