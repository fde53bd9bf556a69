package dev.ecslabs.emulator.ecs.serviceconnect;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;

/**
 * One Service Connect service of an ECS service as ECS applies it, defaults filled in: the
 * discovery name is the port name unless given, and a client alias without a dnsName is
 * {@code discoveryName.namespace}
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectClientAlias.html).
 *
 * @param ingressPortOverride the port the proxy of a server task listens on instead of the container port; {@code null} for none
 * @param perRequestTimeoutSeconds the client proxies' per-request timeout for its aliases; {@code null} when not set
 */
public record ConnectService(String discoveryName, String portName, Integer ingressPortOverride,
                             List<ClientAlias> clientAliases, Integer perRequestTimeoutSeconds) {

    public ConnectService {
        clientAliases = List.copyOf(clientAliases);
    }

    /** The services of an enabled configuration in the namespace named {@code namespaceName}; none for a client-only one. */
    public static List<ConnectService> of(ServiceConnectConfiguration configuration, String namespaceName) {
        if (configuration == null || !Boolean.TRUE.equals(configuration.enabled())) {
            return List.of();
        }
        List<ConnectService> services = new ArrayList<>();
        for (ServiceConnectService service : configuration.services()) {
            String discoveryName = discoveryName(service);
            List<ClientAlias> aliases = new ArrayList<>();
            for (ServiceConnectClientAlias alias : service.clientAliases()) {
                String dnsName = alias.dnsName() == null || alias.dnsName().isEmpty()
                        ? discoveryName + "." + namespaceName : alias.dnsName();
                aliases.add(new ClientAlias(dnsName, alias.port() == null ? 0 : alias.port()));
            }
            services.add(new ConnectService(discoveryName, service.portName(), service.ingressPortOverride(), aliases,
                    service.timeout() == null ? null : service.timeout().perRequestTimeoutSeconds()));
        }
        return services;
    }

    /** "If the discoveryName isn't specified, the port mapping name from the task definition is used." */
    static String discoveryName(ServiceConnectService service) {
        return service.discoveryName() == null || service.discoveryName().isEmpty() ? service.portName()
                : service.discoveryName();
    }
}
