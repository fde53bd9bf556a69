package dev.ecslabs.emulator.state;

import java.util.Collection;

/** Where the emulator keeps the state of every account and region it has seen. */
public interface StateStore {

    /** The state of one account in one region, created empty the first time it is asked for. */
    AccountRegion get(String accountId, String region);

    /** Every account-region that holds state. */
    Collection<AccountRegion> all();

    /** Forgets every account-region: what a restore that failed half-way leaves behind is dropped, not half kept. */
    void clear();
}
