package dev.ecslabs.emulator;

import dev.ecslabs.emulator.state.StatePersistence;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.regex.Pattern;

/**
 * Holds back the answer to every call that changed state until its changes are in the journal: a
 * call answered is a call that survives {@code kill -9}. What a call changed is what the areas
 * marked ({@link dev.ecslabs.emulator.state.ResourceArea}); a call that marked nothing is answered
 * at once, and so is every GET and HEAD. The action's name still matters for the areas that do
 * not mark their resources yet (ECS tasks, services, Service Connect, network interfaces, Cloud
 * Map services): one that reaches them is journaled unless it is named Describe, List, Get,
 * BatchGet or Discover, which never change state.
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

    /** Whether the call may change the areas journaled whole (those that do not mark their resources). */
    static boolean mayChange(Context ctx) {
        HandlerType method = ctx.method();
        if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
            return false;
        }
        String target = ctx.header("X-Amz-Target");
        return target == null || !READ_ACTION.matcher(target).find();
    }
}
