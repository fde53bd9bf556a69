package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Name resolution inside the cluster for the simulated runtime: a client alias resolves in the
 * tasks of a Service Connect service of the namespace, through their proxy, to the backend's
 * running tasks; a health check {@code curl -f http://backend:8080/} passes only while those
 * answer. "Tasks that run in a namespace can only resolve endpoints that already existed before
 * the task started" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html).
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
class ClientAliasResolutionTest {
    ServiceConnectFixtures fx;

    @BeforeEach
    void createCluster(Emulator emulator, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        fx = new ServiceConnectFixtures(emulator, ecs, cloudMap);
    }

    @Test
    @DisplayName("A frontend's health check reaches http://backend:8080/ through its proxy: HEALTHY while the backend runs, UNHEALTHY (and replaced) once it has no tasks")
    void resolvesWhileTheBackendRuns() {
        fx.createBackend("api", fx.registerBackend("api"), 1);
        fx.advance(Duration.ofMinutes(1));
        fx.createFrontend("web", fx.registerFrontend("web"), 1);
        fx.advance(Duration.ofMinutes(1));
        Task frontend = fx.tasks("web", "RUNNING").get(0);
        assertThat(frontend.healthStatusAsString()).isEqualTo("HEALTHY");

        fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api").desiredCount(0));
        fx.advance(Duration.ofMinutes(1));

        Task after = fx.ecs.describeTasks(r -> r.cluster(ServiceConnectFixtures.CLUSTER).tasks(frontend.taskArn())).tasks().get(0);
        assertThat(after.desiredStatus()).isEqualTo("STOPPED");
        assertThat(after.stoppedReason()).isEqualTo("Task failed container health checks");
        assertThat(after.containers()).filteredOn(c -> c.name().equals("web")).singleElement()
                .satisfies(c -> assertThat(c.healthStatusAsString()).isEqualTo("UNHEALTHY"));
    }

    @Test
    @DisplayName("A client task started before the backend's endpoint existed can't resolve it, even once the backend runs; its replacement can")
    void resolvesOnlyEndpointsThatExistedAtStart() {
        String patient = fx.register("patient", ContainerDefinition.builder().name("web").image(ServiceConnectFixtures.NGINX)
                .healthCheck(h -> h.command("CMD-SHELL", ServiceConnectFixtures.FRONTEND_CHECK).interval(10).retries(10))
                .build());
        fx.createFrontend("web", patient, 1);
        fx.advance(Duration.ofSeconds(30));
        String first = fx.tasks("web", "RUNNING").get(0).taskArn();
        fx.createBackend("api", fx.registerBackend("api"), 1);
        fx.advance(Duration.ofSeconds(40));
        assertThat(fx.instances(fx.discoveryArn("api", "backend"))).as("the backend runs and is registered").hasSize(1);

        fx.advance(Duration.ofMinutes(3));

        Task stopped = fx.ecs.describeTasks(r -> r.cluster(ServiceConnectFixtures.CLUSTER).tasks(first)).tasks().get(0);
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        assertThat(fx.tasks("web", "RUNNING")).singleElement().satisfies(task -> {
            assertThat(task.taskArn()).isNotEqualTo(first);
            assertThat(task.healthStatusAsString()).isEqualTo("HEALTHY");
        });
    }

    @Test
    @DisplayName("Outside Service Connect the alias resolves nowhere, and another port of the alias's name is not an endpoint")
    void resolvesOnlyInServiceConnect() {
        fx.createBackend("api", fx.registerBackend("api"), 1);
        fx.advance(Duration.ofMinutes(1));
        fx.create("plain", fx.registerFrontend("plain"), 1, r -> { });
        String otherPort = fx.register("other-port", ContainerDefinition.builder().name("web").image(ServiceConnectFixtures.NGINX)
                .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://backend:80/ || exit 1").interval(10).retries(2))
                .build());
        fx.createFrontend("other-port", otherPort, 1);
        List<String> health = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            fx.advance(Duration.ofSeconds(5));
            for (String service : List.of("plain", "other-port")) {
                fx.tasks(service, "RUNNING").forEach(t -> health.add(service + " " + t.healthStatusAsString()));
            }
        }

        assertThat(health).isNotEmpty().noneMatch(h -> h.endsWith("HEALTHY") && !h.endsWith("UNHEALTHY"));
        for (String service : List.of("plain", "other-port")) {
            assertThat(fx.tasks(service, "STOPPED")).as(service + "'s stopped tasks").isNotEmpty()
                    .allSatisfy(t -> assertThat(t.stoppedReason()).isEqualTo("Task failed container health checks"));
        }
    }

    @Test
    @DisplayName("The aliases route shows, for each service in Service Connect, what each alias resolves to")
    void showsWhatAliasesResolveTo() throws IOException, InterruptedException {
        fx.createBackend("api", fx.registerBackend("api"), 2);
        fx.advance(Duration.ofMinutes(1));
        fx.createFrontend("web", fx.registerFrontend("web"), 1);
        fx.advance(Duration.ofMinutes(1));
        List<String> backendIps = fx.tasks("api", "RUNNING").stream().map(t -> t.containers().get(1).networkInterfaces()
                .get(0).privateIpv4Address() + ":80").toList();

        JsonNode answer = get(ClientAliasesRoute.PATH, "test");
        JsonNode none = get(ClientAliasesRoute.PATH, "111111111111");

        JsonNode web = null;
        for (JsonNode service : answer.path("services")) {
            if (service.path("serviceName").asText().equals("web")) {
                web = service;
            }
        }
        assertThat(web).as("the frontend in the answer: " + answer).isNotNull();
        assertThat(web.path("namespace").asText()).isEqualTo(ServiceConnectFixtures.NAMESPACE);
        JsonNode alias = web.path("aliases").get(0);
        assertThat(alias.path("alias").asText()).isEqualTo("backend:8080");
        assertThat(alias.path("discoveryName").asText()).isEqualTo("backend");
        List<String> endpoints = new ArrayList<>();
        alias.path("endpoints").forEach(e -> endpoints.add(e.asText()));
        assertThat(endpoints).containsExactlyInAnyOrderElementsOf(backendIps);
        assertThat(none.path("services")).isEmpty();
    }

    private JsonNode get(String path, String accessKeyId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(SignedRequests.signed("GET",
                URI.create(fx.emulator.url() + path), accessKeyId, "secret", "us-east-1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
