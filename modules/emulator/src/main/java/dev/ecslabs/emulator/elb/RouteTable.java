package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The compiled routes of an account-region's listeners: a listener's route is compiled under the
 * account-region's lock the first time a request needs it, and read without the lock until a change
 * of listeners, rules, target groups, targets, their health or the tasks behind them
 * ({@link #invalidate}) drops every route of the account-region. A request then neither waits for
 * the lock nor scans the tasks.
 */
final class RouteTable {
    private final AccountRegion region;
    private final Map<String, ListenerRoute> byListener = new ConcurrentHashMap<>();
    /** Round-robin cursors per target group, kept across recompilations so that a change does not restart the turn. */
    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    private RouteTable(AccountRegion region) {
        this.region = region;
    }

    static RouteTable of(AccountRegion region) {
        return region.area(RouteTable.class, RouteTable::new);
    }

    /** Drops the compiled routes of the account-region (if any were compiled): the next request recompiles. */
    static void invalidate(AccountRegion region) {
        region.existingArea(RouteTable.class).ifPresent(table -> table.byListener.clear());
    }

    /** The route of a listener as the state is now. */
    ListenerRoute route(String listenerArn, TargetLocator locator) {
        ListenerRoute route = byListener.get(listenerArn);
        if (route != null) {
            return route;
        }
        return region.locked(() -> {
            ListenerRoute compiled = byListener.get(listenerArn);
            if (compiled == null) {
                compiled = Listeners.of(region).find(listenerArn)
                        .map(listener -> ListenerRoute.compile(region, listener, locator, cursors)).orElse(ListenerRoute.GONE);
                byListener.put(listenerArn, compiled);
            }
            return compiled;
        });
    }
}
