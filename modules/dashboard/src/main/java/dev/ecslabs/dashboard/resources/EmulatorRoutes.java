package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.ecs.serviceconnect.ClientAliasesRoute;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The one place the dashboard calls the course emulator's own routes ({@code /_emulator/*}), which
 * no other backend has: its health (version, clock and speed), what Service Connect's client
 * aliases resolve to, a task's local ports and a load balancer's local URLs. Every such call is built by {@link #get}, so how the dashboard identifies
 * itself to those routes is decided here alone.
 */
final class EmulatorRoutes {
    static final String HEALTH = "/_emulator/health";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final BackendConnection backend;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    EmulatorRoutes(BackendConnection backend) {
        this.backend = backend;
    }

    /** The emulator's health, when the backend is the course's emulator and answers; empty otherwise. */
    Optional<JsonNode> health() {
        try {
            JsonNode health = get(HEALTH);
            return "running".equals(health.path("status").asText()) ? Optional.of(health) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** What each Service Connect client alias of the learner's account resolves to now. */
    JsonNode clientAliases() throws IOException, InterruptedException {
        return get(ClientAliasesRoute.PATH);
    }

    /** Which runtime each container of a task got, and where its real containers answer on this machine. */
    JsonNode taskPorts(String taskId) throws IOException, InterruptedException {
        return get("/_emulator/tasks/" + taskId + "/ports");
    }

    /** Where each listener of the learner's load balancer answers on this machine ({@code LoadBalancerUrlRoute}). */
    JsonNode loadBalancerUrls(String name) throws IOException, InterruptedException {
        return get("/_emulator/load-balancers/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/url");
    }

    /**
     * A GET of one of the emulator's routes, answered as JSON; anything but 200 is an IOException saying so.
     * Signed with the learner's credentials as the SDK's calls are: the routes that hold account state
     * answer for the account and region of the credentials only.
     */
    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        if (backend.isAws()) {
            throw new IOException("an AWS account has no /_emulator routes");
        }
        URI uri = backend.endpoint().resolve(pathAndQuery);
        HttpRequest request = SignedRequests.signed("GET", uri, backend.accessKeyId(), backend.secretAccessKey(),
                backend.region().id()).timeout(TIMEOUT).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + pathAndQuery.replaceFirst("\\?.*", ""));
        }
        return JSON.readTree(response.body());
    }
}
