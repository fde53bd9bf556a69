package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;

/**
 * A Service Connect configuration that passed every check, as a deployment keeps it (its
 * namespace as an ARN), with its Service Connect services; {@link #apply} makes what ECS makes
 * in Cloud Map. Nothing is changed before {@code apply}, so a refused request changes nothing.
 *
 * @param namespace {@code null} when Service Connect is turned off
 */
public record ServiceConnectPlan(ServiceConnectConfiguration configuration, ConnectNamespace namespace,
                                 List<ConnectService> services) {

    public ServiceConnectPlan {
        services = List.copyOf(services);
    }

    public boolean enabled() {
        return namespace != null;
    }

    /**
     * Creates the Cloud Map service of each discovery name that has none yet (in a namespace still
     * being created, the first task to register creates it).
     */
    public void apply(AccountRegion region) {
        if (!enabled()) {
            return;
        }
        for (ConnectService service : services) {
            DiscoveryServices.ensure(region, namespace.arn(), service.discoveryName());
        }
    }
}
