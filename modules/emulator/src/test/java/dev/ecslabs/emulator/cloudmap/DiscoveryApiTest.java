package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;

/**
 * DiscoverInstances and DiscoverInstancesRevision through the real SDK
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_DiscoverInstances.html).
 */
class DiscoveryApiTest extends CloudMapTestBase {
    static String namespace;
    static String serviceId;

    @BeforeAll
    static void databases() {
        namespace = unique("data");
        String namespaceId = httpNamespace(namespace);
        serviceId = cloudMap.createService(b -> b.name("postgres").namespaceId(namespaceId)
                .healthCheckCustomConfig(c -> { })).service().id();
        register(serviceId, "db-blue", Map.of("version", "16", "stage", "prod", "az", "a"));
        register(serviceId, "db-green", Map.of("version", "16", "stage", "prod", "az", "b"));
        register(serviceId, "db-test", Map.of("version", "15", "stage", "test", "az", "a"));
    }

    @Test
    @DisplayName("QueryParameters keep only the instances that match every one of them")
    void queryParameters() {
        assertThat(ids(discover().queryParameters(Map.of("stage", "prod")))).containsExactlyInAnyOrder("db-blue", "db-green");
        assertThat(ids(discover().queryParameters(Map.of("stage", "prod", "az", "a")))).containsExactly("db-blue");
        assertThat(ids(discover().queryParameters(Map.of("stage", "staging")))).isEmpty();
    }

    @Test
    @DisplayName("OptionalParameters narrow the result when some instances match them, and are ignored when none do")
    void optionalParameters() {
        assertThat(ids(discover().queryParameters(Map.of("stage", "prod")).optionalParameters(Map.of("az", "b"))))
                .containsExactly("db-green");
        assertThat(ids(discover().queryParameters(Map.of("stage", "prod")).optionalParameters(Map.of("az", "z"))))
                .containsExactlyInAnyOrder("db-blue", "db-green");
    }

    @Test
    @DisplayName("Discovered instances carry the namespace's HttpName, the service name, their health and attributes")
    void summaries() {
        HttpInstanceSummary summary = cloudMap.discoverInstances(discover().queryParameters(Map.of("stage", "test"))
                .build()).instances().get(0);

        assertThat(summary.namespaceName()).isEqualTo(namespace);
        assertThat(summary.serviceName()).isEqualTo("postgres");
        assertThat(summary.healthStatusAsString()).isEqualTo("HEALTHY");
        assertThat(summary.attributes()).containsEntry("version", "15");
    }

    @Test
    @DisplayName("HealthStatus picks HEALTHY (the default), UNHEALTHY or ALL instances, and HEALTHY_OR_ELSE_ALL fails open")
    void healthStatus() {
        String svc = cloudMap.createService(b -> b.name("cache").namespaceId(serviceNamespaceId())
                .healthCheckCustomConfig(c -> { })).service().id();
        register(svc, "c-1", Map.of("k", "v"));
        register(svc, "c-2", Map.of("k", "v"));
        cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(svc).instanceId("c-1").status(CustomHealthStatus.UNHEALTHY));
        clock.advance(Duration.ofSeconds(30));

        assertThat(ids(discover("cache"))).containsExactly("c-2");
        assertThat(ids(discover("cache").healthStatus(HealthStatusFilter.UNHEALTHY))).containsExactly("c-1");
        assertThat(ids(discover("cache").healthStatus(HealthStatusFilter.ALL))).containsExactlyInAnyOrder("c-1", "c-2");

        cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(svc).instanceId("c-2").status(CustomHealthStatus.UNHEALTHY));
        clock.advance(Duration.ofSeconds(30));
        assertThat(ids(discover("cache"))).isEmpty();
        assertThat(ids(discover("cache").healthStatus(HealthStatusFilter.HEALTHY_OR_ELSE_ALL)))
                .containsExactlyInAnyOrder("c-1", "c-2");
    }

    @Test
    @DisplayName("MaxResults limits the answer, and the order is random")
    void maxResults() {
        String svc = cloudMap.createService(b -> b.name("many").namespaceId(serviceNamespaceId())).service().id();
        for (int i = 0; i < 20; i++) {
            String id = "m-" + i;
            cloudMap.registerInstance(b -> b.serviceId(svc).instanceId(id).attributes(Map.of("n", id)));
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(ids(discover("many").maxResults(5))).hasSize(5);
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            firsts.add(ids(discover("many")).get(0));
        }
        assertThat(firsts).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("InstancesRevision rises with every registration and deregistration, but not with a health change")
    void revision() {
        String svc = cloudMap.createService(b -> b.name("rev").namespaceId(serviceNamespaceId())
                .healthCheckCustomConfig(c -> { })).service().id();
        long empty = revision("rev");
        register(svc, "r-1", Map.of("k", "v"));
        long one = revision("rev");
        register(svc, "r-1", Map.of("k", "changed"));
        long updated = revision("rev");
        cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(svc).instanceId("r-1").status(CustomHealthStatus.UNHEALTHY));
        clock.advance(Duration.ofSeconds(30));
        long afterHealth = revision("rev");
        finish(cloudMap.deregisterInstance(b -> b.serviceId(svc).instanceId("r-1")).operationId());

        assertThat(one).isGreaterThan(empty);
        assertThat(updated).isGreaterThan(one);
        assertThat(afterHealth).isEqualTo(updated);
        assertThat(revision("rev")).isGreaterThan(updated);
        assertThat(cloudMap.discoverInstances(discover("rev").healthStatus(HealthStatusFilter.ALL).build()).instancesRevision())
                .isEqualTo(revision("rev"));
    }

    @Test
    @DisplayName("An unknown namespace is NamespaceNotFound and an unknown service ServiceNotFound")
    void notFound() {
        assertThatThrownBy(() -> cloudMap.discoverInstances(b -> b.namespaceName("nowhere").serviceName("postgres")))
                .isInstanceOf(NamespaceNotFoundException.class).hasMessageContaining("HttpName");
        assertThatThrownBy(() -> cloudMap.discoverInstances(b -> b.namespaceName(namespace).serviceName("mysql")))
                .isInstanceOf(ServiceNotFoundException.class);
    }

    private static String serviceNamespaceId() {
        return cloudMap.getService(b -> b.id(serviceId)).service().namespaceId();
    }

    private static long revision(String service) {
        return cloudMap.discoverInstancesRevision(b -> b.namespaceName(namespace).serviceName(service)).instancesRevision();
    }

    private static DiscoverInstancesRequest.Builder discover() {
        return discover("postgres");
    }

    private static DiscoverInstancesRequest.Builder discover(String service) {
        return DiscoverInstancesRequest.builder().namespaceName(namespace).serviceName(service);
    }

    private static List<String> ids(DiscoverInstancesRequest.Builder request) {
        return cloudMap.discoverInstances(request.build()).instances().stream().map(HttpInstanceSummary::instanceId).toList();
    }
}
