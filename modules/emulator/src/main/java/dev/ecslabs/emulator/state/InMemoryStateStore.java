package dev.ecslabs.emulator.state;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keeps every account-region in memory for the life of the emulator. */
public final class InMemoryStateStore implements StateStore {
    private final ConcurrentMap<String, AccountRegion> regions = new ConcurrentHashMap<>();
    private final EmulatorContext context;

    public InMemoryStateStore(EmulatorContext context) {
        this.context = context;
    }

    @Override
    public AccountRegion get(String accountId, String region) {
        return regions.computeIfAbsent(accountId + "/" + region, key -> new AccountRegion(accountId, region, context));
    }

    @Override
    public Collection<AccountRegion> all() {
        return List.copyOf(regions.values());
    }

    @Override
    public void clear() {
        regions.clear();
    }
}
