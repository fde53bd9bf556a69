package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.runtime.PerRequestRouting;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * The client aliases whose requests the Service Connect proxy balances one by one: those of a
 * Service Connect service whose port mapping says {@code appProtocol} {@code http}, {@code http2}
 * or {@code grpc} (without it the proxy sees TCP and balances connections), each with its
 * protocol (HTTP/1.1 for http, HTTP/2 for http2 and grpc, as Envoy speaks to the endpoints) and
 * its per-request timeout, which AWS applies to all three: the service's
 * {@code timeout.perRequestTimeoutSeconds}, zero for "disabled", or Envoy's 15 s when not set
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TimeoutConfiguration.html).
 * Reads only; call it under the account-region's lock.
 */
final class HttpClientAliases {
    private HttpClientAliases() {
    }

    /** {@code dnsName:port} → its protocol and per-request timeout, for each alias of an http, http2 or grpc port of a deployment that runs. */
    static Map<String, PerRequestRouting> of(AccountRegion region) {
        Map<String, PerRequestRouting> aliases = new TreeMap<>();
        for (NamespaceMembers.Member member : NamespaceMembers.of(region)) {
            if (!member.primary() || !member.active()) {
                continue;
            }
            for (ConnectService service : member.services()) {
                ApplicationProtocol protocol = appProtocol(region, member.taskDefinitionArn(), service.portName());
                if (protocol == null || protocol == ApplicationProtocol.UNKNOWN_TO_SDK_VERSION) {
                    continue;
                }
                Duration timeout = service.perRequestTimeoutSeconds() == null ? Duration.ofSeconds(15)
                        : Duration.ofSeconds(service.perRequestTimeoutSeconds());
                PerRequestRouting routing = new PerRequestRouting(protocol.toString(), timeout);
                service.clientAliases().forEach(alias -> aliases.put(alias.toString(), routing));
            }
        }
        return aliases;
    }

    private static ApplicationProtocol appProtocol(AccountRegion region, String taskDefinitionArn, String portName) {
        return Optional.ofNullable(taskDefinitionArn).flatMap(arn -> TaskDefinitions.of(region).find(arn))
                .flatMap(definition -> definition.containerDefinitions().stream()
                        .flatMap(container -> container.portMappings().stream())
                        .filter(mapping -> portName != null && portName.equals(mapping.name())).findFirst())
                .map(PortMapping::appProtocol).orElse(null);
    }
}
