package dev.ecslabs.courseapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * BACKEND_DISCOVERY: the web tier finds its backend with Cloud Map's DiscoverInstances, answered here by a tiny
 * stand-in speaking the API's JSON 1.1 protocol at one endpoint URL, as AWS_ENDPOINT_URL gives it inside a task.
 */
class CloudMapDiscoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JsonNode> discoverCalls = new CopyOnWriteArrayList<>();
    private volatile List<Integer> registeredPorts = List.of();

    @Test
    @DisplayName("The web tier asks DiscoverInstances with its query and HEALTHY_OR_ELSE_ALL, takes the instances in turn from the "
            + "answer it keeps 5 s, and looks again after a failed call")
    void findsItsBackendThroughCloudMap() throws Exception {
        AtomicLong clock = new AtomicLong(); // the cache's clock: the machine's speed must not decide what is cached
        Javalin cloudMap = fakeCloudMap();
        Javalin ordersA = new CourseApp(new AppSettings(0, "orders-a", null, null)).start();
        Javalin ordersB = new CourseApp(new AppSettings(0, "orders-b", null, null)).start();
        AppSettings.BackendDiscovery discovery = AppSettings.BackendDiscovery.parse("shop.local/orders", "ECS_CLUSTER_NAME=shop");
        registeredPorts = List.of(ordersA.port(), ordersB.port());
        CourseApp catalogApp = new CourseApp(new AppSettings(0, "catalog", null, null, discovery),
                new CloudMapInstances(discovery, () -> client("http://127.0.0.1:" + cloudMap.port()), clock::get));
        catalogApp.warmUp();
        assertThat(discoverCalls).as("warming up asks Cloud Map before the app listens").hasSize(1);
        Javalin catalog = catalogApp.start();
        try {
            List<String> answeredBy = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answeredBy.add(get(catalog.port()).path("backend").path("greeting").asText());
            }
            assertThat(answeredBy).as("round robin over both instances").containsExactly("orders-a", "orders-b", "orders-a", "orders-b");
            assertThat(discoverCalls).as("still the one DiscoverInstances: its answer is cached").hasSize(1);
            JsonNode asked = discoverCalls.get(0);
            assertThat(asked.path("NamespaceName").asText()).isEqualTo("shop.local");
            assertThat(asked.path("ServiceName").asText()).isEqualTo("orders");
            assertThat(asked.path("QueryParameters")).isEqualTo(JSON.valueToTree(Map.of("ECS_CLUSTER_NAME", "shop")));
            assertThat(asked.path("HealthStatus").asText()).isEqualTo("HEALTHY_OR_ELSE_ALL");

            ordersA.stop(); // ECS replaced orders-a's task: Cloud Map lists only orders-b now
            registeredPorts = List.of(ordersB.port());
            HttpResponse<String> failed = send(catalog.port());
            assertThat(failed.statusCode()).as("the cached instance is gone").isEqualTo(502);
            assertThat(failed.body()).contains("did not answer");
            assertThat(get(catalog.port()).path("backend").path("greeting").asText()).isEqualTo("orders-b");
            assertThat(discoverCalls).as("the failed call dropped the cache").hasSize(2);
            clock.addAndGet(CloudMapInstances.CACHED_FOR.toNanos());
            assertThat(get(catalog.port()).path("backend").path("greeting").asText()).isEqualTo("orders-b");
            assertThat(discoverCalls).as("an answer 5 s old is asked for again").hasSize(3);

            registeredPorts = List.of();
            ordersB.stop();
            assertThat(send(catalog.port()).body()).as("the cached instance, called once more").contains("did not answer");
            HttpResponse<String> none = send(catalog.port());
            assertThat(none.statusCode()).isEqualTo(502);
            assertThat(none.body()).contains("no instance of service orders in namespace shop.local");
        } finally {
            catalog.stop();
            ordersA.stop();
            ordersB.stop();
            cloudMap.stop();
        }
    }

    @Test
    @DisplayName("BACKEND_DISCOVERY and BACKEND_QUERY are read from the environment, and a wrong one is refused with what would be right")
    void discoverySettings() {
        AppSettings settings = AppSettings.fromEnvironment(Map.of("BACKEND_DISCOVERY", "shop.local/orders",
                "BACKEND_QUERY", "ECS_CLUSTER_NAME=shop, ECS_TASK_DEFINITION_FAMILY=shop-orders"));
        assertThat(settings.backendUrl()).isNull();
        assertThat(settings.discovery()).isEqualTo(new AppSettings.BackendDiscovery("shop.local", "orders",
                Map.of("ECS_CLUSTER_NAME", "shop", "ECS_TASK_DEFINITION_FAMILY", "shop-orders")));
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BACKEND_DISCOVERY", "orders")))
                .hasMessageContaining("such as shop.local/orders");
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BACKEND_DISCOVERY", "shop.local/orders", "BACKEND_QUERY", "shop")))
                .hasMessageContaining("such as ECS_CLUSTER_NAME=shop");
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BACKEND_DISCOVERY", "shop.local/orders", "BACKEND_URL", "http://orders:8080")))
                .hasMessageContaining("not both");
    }

    /** The course app's own client builder, pointed at one endpoint URL: the data- host prefix must be off for it to answer. */
    private static software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient client(String endpointUrl) {
        return CloudMapInstances.clientBuilder(endpointUrl).endpointOverride(URI.create(endpointUrl)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))).build();
    }

    private Javalin fakeCloudMap() {
        return Javalin.create(config -> config.routes.post("/", ctx -> {
            assertThat(ctx.header("X-Amz-Target")).isEqualTo("Route53AutoNaming_v20170314.DiscoverInstances");
            discoverCalls.add(JSON.readTree(ctx.body()));
            List<Map<String, Object>> instances = new ArrayList<>();
            for (int port : registeredPorts) {
                instances.add(Map.of("InstanceId", "task-" + port, "NamespaceName", "shop.local", "ServiceName", "orders",
                        "HealthStatus", "HEALTHY", "Attributes", Map.of("AWS_INSTANCE_IPV4", "127.0.0.1", "AWS_INSTANCE_PORT", String.valueOf(port),
                                "ECS_CLUSTER_NAME", "shop")));
            }
            ctx.contentType("application/x-amz-json-1.1").result(JSON.writeValueAsString(Map.of("Instances", instances)));
        })).start("127.0.0.1", 0);
    }

    private HttpResponse<String> send(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(int port) throws Exception {
        HttpResponse<String> response = send(port);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
