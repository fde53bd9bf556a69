package dev.ecslabs.emulator.ecs.serviceconnect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.HttpRoutes;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.CallerRoute;
import dev.ecslabs.emulator.runtime.LocalProcessRuntime;
import dev.ecslabs.emulator.state.StateStore;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * What each Service Connect client alias resolves to, over HTTP for the dashboard and for trying
 * it by hand: {@code curl --aws-sigv4 "aws:amz:us-east-1:ecs" --user test:test "http://localhost:4566/_emulator/service-connect/aliases"}
 * answers every ACTIVE service in Service Connect of the caller's account and region (from the
 * credentials, see {@link CallerRoute}) with its aliases and the {@code ip:port} of the tasks each reaches now;
 * an alias that real tasks reach request by request ({@code appProtocol} http) also has the
 * {@code localUrl} of its Service Connect proxy on this machine.
 */
public final class ClientAliasesRoute implements HttpRoutes {
    public static final String PATH = "/_emulator/service-connect/aliases";

    private final StateStore store;
    private final LocalProcessRuntime runtime;

    /** {@code runtime} {@code null} when the emulator runs no real processes. */
    public ClientAliasesRoute(StateStore store, LocalProcessRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, CallerRoute.of((ctx, caller) -> {
            String account = caller.accountId();
            String regionName = caller.region();
            // A read must not create an account-region: only one that holds state has anything to show.
            List<ClientAliases.ServiceAliases> services = store.existing(account, regionName)
                    .map(region -> region.locked(() -> ClientAliases.of(region))).orElse(List.of());
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode().put("account", account).put("region", regionName);
            ArrayNode list = answer.putArray("services");
            for (ClientAliases.ServiceAliases service : services) {
                ObjectNode json = list.addObject().put("serviceArn", service.serviceArn())
                        .put("serviceName", service.serviceName()).put("clusterArn", service.clusterArn())
                        .put("namespace", service.namespace());
                ArrayNode aliases = json.putArray("aliases");
                for (ClientAliases.Resolution alias : service.aliases()) {
                    ObjectNode one = aliases.addObject().put("alias", alias.alias()).put("discoveryName", alias.discoveryName());
                    alias.endpoints().forEach(one.putArray("endpoints")::add);
                    if (runtime != null) {
                        runtime.httpAliasUrl(account, regionName, alias.alias()).ifPresent(url -> one.put("localUrl", url));
                    }
                }
            }
            ctx.contentType("application/json").result(answer.toString());
        }));
    }
}
