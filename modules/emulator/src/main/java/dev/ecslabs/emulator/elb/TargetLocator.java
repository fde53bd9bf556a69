package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.state.AccountRegion;

/**
 * Finds what answers at a target (an IP address and port in the account-region's network): for an
 * {@code ip} target, the ECS task with that private IP; asked under the account-region's lock.
 */
@FunctionalInterface
public interface TargetLocator {
    /** A network where nothing answers. */
    TargetLocator NOTHING = (region, ip, port) -> new TargetEndpoint.Nothing();

    TargetEndpoint locate(AccountRegion region, String ip, int port);
}
