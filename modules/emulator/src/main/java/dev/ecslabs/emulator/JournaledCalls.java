package dev.ecslabs.emulator;

import dev.ecslabs.emulator.state.StatePersistence;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.regex.Pattern;

/**
 * Holds back the answer to every call that may have changed state until its changes are in the
 * journal: a call answered is a call that survives {@code kill -9}. Calls that only read (GET and
 * HEAD, and AWS actions named Describe, List, Get, BatchGet or Discover, which never change state)
 * are answered at once.
 */
final class JournaledCalls implements HttpRoutes {
    private static final Pattern READ_ACTION = Pattern.compile("\\.(Describe|List|Get|BatchGet|Discover)[A-Za-z]*$");

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

    static boolean mayChange(Context ctx) {
        HandlerType method = ctx.method();
        if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
            return false;
        }
        String target = ctx.header("X-Amz-Target");
        return target == null || !READ_ACTION.matcher(target).find();
    }
}
