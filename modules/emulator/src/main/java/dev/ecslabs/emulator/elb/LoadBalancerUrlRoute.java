package dev.ecslabs.emulator.elb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.CallerRoute;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /_emulator/load-balancers/<name>/url}: where each listener of the caller's load balancer
 * answers on this machine, {@code {"listeners":[{"port":80,"protocol":"HTTP","url":"http://127.0.0.1:54321"}]}};
 * the account and region come from the request's SigV4 credentials, never from a parameter.
 */
public final class LoadBalancerUrlRoute implements HttpRoutes {
    public static final String PATH = "/_emulator/load-balancers/{name}/url";

    private final StateStore store;
    private final LoadBalancerDataPlane dataPlane;

    public LoadBalancerUrlRoute(StateStore store, LoadBalancerDataPlane dataPlane) {
        this.store = store;
        this.dataPlane = dataPlane;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, CallerRoute.of((ctx, caller) -> {
            String name = ctx.pathParam("name");
            Optional<AccountRegion> region = store.existing(caller.accountId(), caller.region());
            Optional<List<LoadBalancerDataPlane.LocalListener>> listeners = region.flatMap(r -> dataPlane.listenersOf(r, name));
            if (listeners.isEmpty()) {
                ObjectNode error = AwsJsonCodec.MAPPER.createObjectNode().put("__type", "LoadBalancerNotFound")
                        .put("message", "No load balancer named " + name + " in account " + caller.accountId() + ", region "
                                + caller.region() + ": give the name CreateLoadBalancer was called with.");
                ctx.status(404).contentType("application/json").result(error.toString());
                return;
            }
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
            ArrayNode array = answer.putArray("listeners");
            listeners.get().forEach(l -> array.addObject().put("port", l.port()).put("protocol", l.protocol()).put("url", l.url()));
            ctx.contentType("application/json").result(answer.toString());
        }));
    }
}
