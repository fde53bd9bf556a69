package dev.ecslabs.emulator.ecs.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.CallerIdentity;
import dev.ecslabs.emulator.protocol.CallerRoute;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/**
 * The load on simulated services, for a test or a learner to drive ECS's utilisation metrics (see
 * {@link ServiceUtilization} for the load model), in the caller's account and region (from the
 * credentials, see {@link CallerRoute}):
 * {@code POST /_emulator/load} with {@code {"cluster": "labs", "service": "web", "requestsPerSecond": 120}}
 * sets a service's load (0 takes it off) and answers it; {@code GET /_emulator/load} answers every
 * service's load as {@code {"labs/web": 120.0}}.
 */
public final class LoadRoute implements HttpRoutes {
    public static final String PATH = "/_emulator/load";

    private final StateStore store;
    private final EveryMinute everyMinute;

    public LoadRoute(StateStore store, EveryMinute everyMinute) {
        this.store = store;
        this.everyMinute = everyMinute;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, CallerRoute.of(this::set));
        routes.get(PATH, CallerRoute.of((ctx, caller) -> {
            AccountRegion region = store.get(caller.accountId(), caller.region());
            Map<String, Double> all = region.locked(() -> region.existingArea(ServiceLoad.class).map(ServiceLoad::all).orElse(Map.of()));
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
            all.forEach(answer::put);
            ctx.contentType("application/json").result(answer.toString());
        }));
    }

    private void set(Context ctx, CallerIdentity caller) throws IOException {
        JsonNode body;
        try {
            body = AwsJsonCodec.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            refuse(ctx, 400, "The body is not JSON: send {\"cluster\": \"labs\", \"service\": \"web\", \"requestsPerSecond\": 120}.");
            return;
        }
        String cluster = body == null ? "" : body.path("cluster").asText("default");
        String service = body == null ? "" : body.path("service").asText("");
        JsonNode rate = body == null ? null : body.get("requestsPerSecond");
        if (service.isEmpty() || rate == null || !rate.isNumber() || rate.doubleValue() < 0 || !Double.isFinite(rate.doubleValue())) {
            refuse(ctx, 400, "Name the service and its load: {\"cluster\": \"labs\", \"service\": \"web\", "
                    + "\"requestsPerSecond\": 120} (cluster defaults to default; requestsPerSecond is 0 or more, 0 takes the load off).");
            return;
        }
        String clusterName = cluster.isEmpty() ? "default" : cluster;
        AccountRegion region = store.get(caller.accountId(), caller.region());
        boolean known = region.locked(() -> region.existingArea(Services.class).stream()
                .flatMap(services -> services.summaries().stream())
                .anyMatch(s -> s.isActive() && s.serviceName().equals(service)
                        && ServiceUtilization.clusterName(s.clusterArn()).equals(clusterName)));
        if (!known) {
            refuse(ctx, 404, "Account " + caller.accountId() + " has no ACTIVE service " + service + " in the cluster "
                    + clusterName + " of " + caller.region() + ": create the service first (ListServices shows what exists).");
            return;
        }
        region.locked(() -> ServiceLoad.of(region).set(clusterName, service, rate.doubleValue()));
        everyMinute.wake();
        ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode().put("cluster", clusterName).put("service", service)
                .put("requestsPerSecond", rate.doubleValue());
        ctx.contentType("application/json").result(answer.toString());
    }

    private static void refuse(Context ctx, int status, String message) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode().put("__type", status == 404 ? "NotFound" : "BadRequest")
                .put("message", message);
        ctx.status(status).contentType("application/json").result(json.toString());
    }
}
