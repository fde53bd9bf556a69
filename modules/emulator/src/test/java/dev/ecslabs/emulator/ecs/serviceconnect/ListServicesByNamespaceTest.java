package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServicesByNamespaceResponse;
import software.amazon.awssdk.services.ecs.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * ListServicesByNamespace "lists all of the services that are associated with a Cloud Map
 * namespace. This list might include services in different clusters"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListServicesByNamespace.html).
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
class ListServicesByNamespaceTest {
    ServiceConnectFixtures fx;

    @BeforeEach
    void createCluster(Emulator emulator, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        fx = new ServiceConnectFixtures(emulator, ecs, cloudMap);
    }

    @Test
    @DisplayName("Lists the ACTIVE services of every cluster in the namespace, client-only ones too, by name or ARN of the namespace")
    void listsAcrossClusters() {
        String backend = fx.registerBackend("api");
        fx.createBackend("api", backend, 0);
        fx.createFrontend("web", fx.registerFrontend("web"), 0);
        fx.create("plain", backend, 0, r -> { });
        fx.ecs.createCluster(r -> r.clusterName("second"));
        String second = fx.ecs.createService(fx.fargate("worker", backend, 0).cluster("second")
                .serviceConnectConfiguration(sc -> sc.enabled(true).namespace(ServiceConnectFixtures.NAMESPACE)).build())
                .service().serviceArn();
        fx.create("gone", backend, 0, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true)));
        fx.ecs.deleteService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("gone"));
        fx.advance(Duration.ofMinutes(1));

        List<String> byName = fx.ecs.listServicesByNamespace(r -> r.namespace(ServiceConnectFixtures.NAMESPACE)).serviceArns();
        List<String> byArn = fx.ecs.listServicesByNamespace(r -> r.namespace(fx.namespaceArn)).serviceArns();

        assertThat(byName).containsExactlyInAnyOrder(fx.describe("api").serviceArn(), fx.describe("web").serviceArn(), second);
        assertThat(byArn).isEqualTo(byName);
    }

    @Test
    @DisplayName("Pages of maxResults (10 by default) with a nextToken, every service once")
    void pages() {
        String backend = fx.registerBackend("api");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(fx.createFrontend("client-" + i, backend, 0).serviceArn());
        }

        ListServicesByNamespaceResponse first = fx.ecs.listServicesByNamespace(r -> r.namespace(ServiceConnectFixtures.NAMESPACE));
        List<String> paged = fx.ecs.listServicesByNamespacePaginator(r -> r.namespace(ServiceConnectFixtures.NAMESPACE)
                .maxResults(5)).serviceArns().stream().toList();

        assertThat(first.serviceArns()).hasSize(10);
        assertThat(first.nextToken()).isNotNull();
        assertThat(paged).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("An unknown namespace is NamespaceNotFoundException; maxResults outside 1 to 100 is InvalidParameterException")
    void refusesBadRequests() {
        assertThatThrownBy(() -> fx.ecs.listServicesByNamespace(r -> r.namespace("nowhere")))
                .isInstanceOf(NamespaceNotFoundException.class).hasMessageContaining("'nowhere' was not found");
        assertThatThrownBy(() -> fx.ecs.listServicesByNamespace(r -> r.namespace(ServiceConnectFixtures.NAMESPACE).maxResults(101)))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("maxResults must be between 1 and 100");
    }
}
