package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.protocol.CallerIdentity;
import dev.ecslabs.emulator.runtime.PerRequestRouting;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Which client aliases the Service Connect proxy balances request by request: those of a port
 * mapping with {@code appProtocol} http, http2 or grpc, with the service's per-request timeout
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TimeoutConfiguration.html); a
 * port without appProtocol is TCP, balanced per connection.
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
class HttpClientAliasesTest {
    ServiceConnectFixtures fx;
    AccountRegion region;

    @BeforeEach
    void createCluster(Emulator emulator, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        fx = new ServiceConnectFixtures(emulator, ecs, cloudMap);
        region = emulator.state().get(CallerIdentity.DEFAULT_ACCOUNT, "us-east-1");
    }

    @Test
    @DisplayName("An http port's alias goes per request with Envoy's 15 s per-request timeout when the service sets none")
    void httpPortWithTheDefaultTimeout() {
        fx.createBackend("api", registerBackend(ApplicationProtocol.HTTP), 1);

        assertThat(aliases()).containsExactly(Map.entry("backend:8080", new PerRequestRouting("http", Duration.ofSeconds(15))));
        assertThat(aliases().get("backend:8080").http2()).as("the proxy speaks HTTP/1.1 to an http port").isFalse();
    }

    @ParameterizedTest(name = "appProtocol {0}")
    @EnumSource(value = ApplicationProtocol.class, names = {"HTTP2", "GRPC"})
    @DisplayName("An http2 or grpc port's alias goes per request too, over HTTP/2, with the same per-request timeout")
    void http2AndGrpcPorts(ApplicationProtocol appProtocol) {
        fx.createBackend("api", registerBackend(appProtocol), 1);

        assertThat(aliases()).containsExactly(Map.entry("backend:8080",
                new PerRequestRouting(appProtocol.toString(), Duration.ofSeconds(15))));
        assertThat(aliases().get("backend:8080").http2()).isTrue();
    }

    @Test
    @DisplayName("perRequestTimeoutSeconds 3 gives the alias a 3 s timeout; 0 turns the timeout off")
    void servicesPerRequestTimeout() {
        fx.create("api", registerBackend(ApplicationProtocol.HTTP), 1, r -> r.serviceConnectConfiguration(withTimeout(3)));
        assertThat(aliases()).containsExactly(Map.entry("backend:8080", new PerRequestRouting("http", Duration.ofSeconds(3))));

        fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api").serviceConnectConfiguration(withTimeout(0)));
        assertThat(aliases()).containsExactly(Map.entry("backend:8080", new PerRequestRouting("http", Duration.ZERO)));
    }

    @Test
    @DisplayName("A port without appProtocol is TCP: its alias is not routed per request")
    void tcpPortIsNot() {
        fx.createBackend("api", fx.registerBackend("api"), 1);

        assertThat(aliases()).isEmpty();
    }

    private Map<String, PerRequestRouting> aliases() {
        return region.locked(() -> HttpClientAliases.of(region));
    }

    private String registerBackend(ApplicationProtocol appProtocol) {
        return fx.register("api", ContainerDefinition.builder().name("api").image(ServiceConnectFixtures.NGINX).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name("http").appProtocol(appProtocol).build()).build());
    }

    private static ServiceConnectConfiguration withTimeout(int seconds) {
        return ServiceConnectFixtures.backendConnect().toBuilder().services(ServiceConnectFixtures.backendConnect().services().get(0)
                .toBuilder().timeout(t -> t.perRequestTimeoutSeconds(seconds)).build()).build();
    }
}
