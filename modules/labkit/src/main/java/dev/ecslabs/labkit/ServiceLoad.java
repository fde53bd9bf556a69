package dev.ecslabs.labkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Puts load on a simulated service of the course emulator, through {@code POST /_emulator/load}
 * signed with the backend's credentials (the account comes from the signature): the service's
 * tasks then show the CPU and memory utilisation that many requests a second would cause, in
 * {@code AWS/ECS} CPUUtilization and MemoryUtilization. On AWS, load comes from real clients (a load
 * generator such as {@code hey} or {@code k6} against the service's load balancer).
 */
public final class ServiceLoad {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceLoad() {
    }

    /** Sets the requests per second on {@code service} of {@code cluster}; 0 takes the load off. */
    public static void set(Backend backend, String cluster, String service, double requestsPerSecond) {
        if (!backend.isCourseEmulator()) {
            throw new IllegalStateException("setting a service's load needs the course emulator; on " + backend
                    + " send real requests to the service (through its load balancer) instead");
        }
        String body = new ObjectMapper().createObjectNode().put("cluster", cluster).put("service", service)
                .put("requestsPerSecond", requestsPerSecond).toString();
        URI uri = URI.create(backend.endpoint().toString().replaceAll("/$", "") + "/_emulator/load");
        var credentials = backend.credentials().resolveCredentials();
        HttpRequest request = SignedRequests.signed("POST", uri, credentials.accessKeyId(), credentials.secretAccessKey(),
                backend.region().id()).header("Content-Type", "application/json")
                .method("POST", HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("setting the load of " + cluster + "/" + service + " to " + requestsPerSecond
                        + " requests a second answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
