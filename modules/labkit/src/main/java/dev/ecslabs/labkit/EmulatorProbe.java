package dev.ecslabs.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Asks an endpoint whether it is the course's emulator, by its health route, and where its DNS server answers. */
final class EmulatorProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatorProbe() {
    }

    static boolean answersHealth(URI endpoint) {
        return health(endpoint).isPresent();
    }

    /** The port of the emulator's DNS server for Cloud Map's DNS namespaces, when it is the course's emulator and runs one. */
    static OptionalInt dnsPort(URI endpoint) {
        return health(endpoint).map(health -> health.path("dns").path("port"))
                .filter(JsonNode::canConvertToInt).map(port -> OptionalInt.of(port.asInt())).orElse(OptionalInt.empty());
    }

    private static Optional<JsonNode> health(URI endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/_emulator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode health = JSON.readTree(response.body());
            return "running".equals(health.path("status").asText()) ? Optional.of(health) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
