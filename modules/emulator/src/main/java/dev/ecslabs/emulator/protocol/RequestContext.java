package dev.ecslabs.emulator.protocol;

import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import java.time.Instant;

/**
 * One AWS call being answered: which service and action, for which account and region, with
 * which request id. Handlers reach their state through {@link #state()}.
 */
public record RequestContext(AwsService service, String action, String requestId, CallerIdentity caller,
                             AccountRegion state, StateStore store) {

    public String accountId() {
        return state.accountId();
    }

    public String region() {
        return state.region();
    }

    public Instant now() {
        return state.now();
    }
}
