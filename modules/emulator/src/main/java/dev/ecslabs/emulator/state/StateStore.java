package dev.ecslabs.emulator.state;

import java.util.Collection;
import java.util.Optional;

/** Where the emulator keeps the state of every account and region it has seen. */
public interface StateStore {

    /** The state of one account in one region, created empty the first time it is asked for. */
    AccountRegion get(String accountId, String region);

    /** Every account-region that holds state. */
    Collection<AccountRegion> all();

    /** The state of one account in one region if it holds any; unlike {@link #get}, a look that creates nothing. */
    default Optional<AccountRegion> existing(String accountId, String region) {
        return all().stream().filter(r -> r.accountId().equals(accountId) && r.region().equals(region)).findFirst();
    }

    /** Forgets every account-region: what a restore that failed half-way leaves behind is dropped, not half kept. */
    void clear();
}
