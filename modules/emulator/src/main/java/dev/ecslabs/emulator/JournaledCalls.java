package dev.ecslabs.emulator;

import dev.ecslabs.emulator.state.StatePersistence;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Holds back the answer to every call that changed state until its changes are in the journal: a
 * call answered is a call that survives {@code kill -9}. What a call changed is what the areas
 * marked, or handed out and found different at the end of the call
 * ({@link dev.ecslabs.emulator.state.ResourceArea}); a call that changed nothing is answered at
 * once, whatever its action's name. An area that is journaled whole instead is written for any call
 * that reached it other than a GET, HEAD or OPTIONS, and only if its state differs from what the
 * journal holds.
 */
final class JournaledCalls implements HttpRoutes {
    private final StatePersistence persistence;

    JournaledCalls(StatePersistence persistence) {
        this.persistence = persistence;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.before(ctx -> persistence.beginCall());
        // Javalin sends the answer after the after-handlers, and runs them when a handler threw as well
        routes.after(ctx -> persistence.endCall(mayChange(ctx)));
    }

    /** Whether the call may change the areas journaled whole (those that do not mark their resources). */
    static boolean mayChange(Context ctx) {
        HandlerType method = ctx.method();
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }
}
