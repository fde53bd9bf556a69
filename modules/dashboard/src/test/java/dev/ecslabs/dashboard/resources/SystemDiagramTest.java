package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who the system diagram draws as the caller of a Cloud Map name, from the services' task definition environments. */
class SystemDiagramTest {

    private static Map<String, List<String>> environments() {
        Map<String, List<String>> environments = new LinkedHashMap<>();
        environments.put("service:shop/catalog", List.of("http://orders.shop.local:8080", "v2"));
        environments.put("service:shop/frontend", List.of("http://catalog:8080"));
        environments.put("service:shop/reports", List.of("shop", "orders"));
        return environments;
    }

    @Test
    @DisplayName("A service whose environment holds a URL with the DNS name calls it; one that only names the service does not")
    void dnsNames() {
        assertThat(SystemDiagram.callersNaming("orders.shop.local", environments())).containsExactly("service:shop/catalog");
    }

    @Test
    @DisplayName("A service told BACKEND_DISCOVERY=<namespace>/<service> (the course app's DiscoverInstances) calls that DNS name too")
    void backendDiscovery() {
        Map<String, List<String>> environments = environments();
        environments.put("service:shop/catalog", List.of("catalog@v1", "shop.local/orders", "ECS_CLUSTER_NAME=shop"));
        assertThat(SystemDiagram.callersNaming("orders.shop.local", environments)).containsExactly("service:shop/catalog");
        assertThat(SystemDiagram.callersNaming("payments.shop.local", environments)).isEmpty();
    }

    @Test
    @DisplayName("An HTTP namespace's service (DiscoverInstances) is called by a service whose environment names it exactly")
    void discoverInstances() {
        assertThat(SystemDiagram.callersNaming("orders (DiscoverInstances)", environments())).containsExactly("service:shop/reports");
    }

    @Test
    @DisplayName("A name nobody's environment holds has no known caller (the diagram draws \"any task in the VPC\")")
    void unknownCaller() {
        assertThat(SystemDiagram.callersNaming("payments.shop.local", environments())).isEmpty();
    }
}
