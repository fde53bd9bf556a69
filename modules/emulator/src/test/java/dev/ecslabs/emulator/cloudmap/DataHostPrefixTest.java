package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;

/**
 * DiscoverInstances and DiscoverInstancesRevision are modelled with the host prefix {@code data-}:
 * the SDK sends them to {@code data-servicediscovery.<region>.amazonaws.com}, and with an endpoint
 * override to {@code data-<override host>}, which for {@code 127.0.0.1} resolves nowhere. These
 * tests show each way a client reaches the emulator all the same; the emulator serves the request
 * whatever Host it names, on its one port.
 */
@EmulatorTest
class DataHostPrefixTest {
    static Emulator emulator;
    static ManualClock clock;
    static String namespace = "prefix-test";

    @BeforeAll
    static void start() {
        try (ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(emulator)) {
            String operationId = cloudMap.createHttpNamespace(b -> b.name(namespace)).operationId();
            clock.advance(Duration.ofMinutes(1));
            String namespaceId = cloudMap.getOperation(b -> b.operationId(operationId)).operation()
                    .targetsAsStrings().get("NAMESPACE");
            String serviceId = cloudMap.createService(b -> b.name("backend").namespaceId(namespaceId)).service().id();
            cloudMap.registerInstance(b -> b.serviceId(serviceId).instanceId("b-1")
                    .attributes(Map.of("AWS_INSTANCE_IPV4", "172.31.9.1")));
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    @DisplayName("The SDK prefixes the endpoint override's host with data- for DiscoverInstances, unless host prefix injection is disabled")
    void theSdkAddsThePrefix() {
        AtomicReference<String> host = new AtomicReference<>();
        ExecutionInterceptor recordHostAndStop = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                host.set(context.httpRequest().host());
                throw new IllegalStateException("recorded the host; nothing is sent");
            }
        };
        try (ServiceDiscoveryClient keeping = client(b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(recordHostAndStop)));
             ServiceDiscoveryClient disabling = client(b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(recordHostAndStop)
                     .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)))) {
            assertThatThrownBy(() -> keeping.discoverInstances(b -> b.namespaceName(namespace).serviceName("backend")));
            assertThat(host.get()).isEqualTo("data-127.0.0.1");
            assertThatThrownBy(() -> keeping.getNamespace(b -> b.id("ns-any")));
            assertThat(host.get()).as("control-plane actions keep the plain host").isEqualTo("127.0.0.1");
            assertThatThrownBy(() -> disabling.discoverInstances(b -> b.namespaceName(namespace).serviceName("backend")));
            assertThat(host.get()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    @DisplayName("The one line labkit sets, DISABLE_HOST_PREFIX_INJECTION, makes DiscoverInstances reach the emulator")
    void disabledPrefix() {
        try (ServiceDiscoveryClient cloudMap = client(b -> b.overrideConfiguration(ClientOverrideConfiguration.builder()
                .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build()))) {
            assertThat(discover(cloudMap)).containsExactly("b-1");
        }
    }

    @Test
    @DisplayName("A client that keeps the data- prefix is served when its HTTP client resolves data- hosts to the emulator")
    void prefixResolvedToTheEmulator() {
        DnsResolver dataToLoopback = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return host.startsWith("data-") ? resolve(host.substring("data-".length()))
                        : SystemDefaultDnsResolver.INSTANCE.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        try (ServiceDiscoveryClient cloudMap = client(b -> b.httpClientBuilder(Apache5HttpClient.builder().dnsResolver(dataToLoopback)))) {
            assertThat(discover(cloudMap)).containsExactly("b-1");
            assertThat(cloudMap.discoverInstancesRevision(b -> b.namespaceName(namespace).serviceName("backend"))
                    .instancesRevision()).isPositive();
        }
    }

    /**
     * With the override {@code http://127.0.0.1:port} this way fails inside the JDK: {@code data-127.0.0.1}
     * is not a host name to {@link URI} (its last label starts with a digit), so the proxy selector
     * sees no host. With {@code http://localhost:port} it works, since the proxy resolves nothing.
     */
    @Test
    @DisplayName("A client that keeps the data- prefix is served when it uses the emulator as its HTTP proxy (with a localhost endpoint)")
    void emulatorAsProxy() {
        URI localhost = URI.create("http://localhost:" + emulator.port());
        try (ServiceDiscoveryClient cloudMap = client(b -> b.endpointOverride(localhost).httpClientBuilder(UrlConnectionHttpClient.builder()
                .proxyConfiguration(p -> p.endpoint(emulator.url()).useSystemPropertyValues(false)
                        .useEnvironmentVariablesValues(false))))) {
            assertThat(discover(cloudMap)).containsExactly("b-1");
        }
    }

    private static List<String> discover(ServiceDiscoveryClient cloudMap) {
        return cloudMap.discoverInstances(b -> b.namespaceName(namespace).serviceName("backend")).instances().stream()
                .map(HttpInstanceSummary::instanceId).toList();
    }

    private static ServiceDiscoveryClient client(Consumer<ServiceDiscoveryClientBuilder> customize) {
        ServiceDiscoveryClientBuilder builder = ServiceDiscoveryClient.builder()
                .endpointOverride(URI.create(emulator.url().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        customize.accept(builder);
        return builder.build();
    }
}
