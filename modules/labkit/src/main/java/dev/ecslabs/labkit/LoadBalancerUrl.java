package dev.ecslabs.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Where to send requests to a load balancer's first listener: on the course emulator its local URL
 * ({@code GET /_emulator/load-balancers/<name>/url}, signed with the backend's credentials); on AWS
 * {@code http://<DNSName>:<port>}, which the caller passes as the fallback.
 */
public final class LoadBalancerUrl {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LoadBalancerUrl() {
    }

    /** The URL of the load balancer {@code name}'s first listener; {@code awsUrl} on a backend that is not the course emulator. */
    public static String of(Backend backend, String name, String awsUrl) {
        if (!backend.isCourseEmulator()) {
            return awsUrl;
        }
        URI uri = URI.create(backend.endpoint().toString().replaceAll("/$", "") + "/_emulator/load-balancers/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/url");
        var credentials = backend.credentials().resolveCredentials();
        try {
            HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET", uri, credentials.accessKeyId(),
                    credentials.secretAccessKey(), backend.region().id()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the URL of load balancer " + name + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode listeners = new ObjectMapper().readTree(response.body()).path("listeners");
            if (listeners.isEmpty()) {
                throw new IllegalStateException("load balancer " + name + " has no HTTP listener yet: create one first");
            }
            return listeners.get(0).path("url").asText();
        } catch (IOException e) {
            throw new IllegalStateException("could not reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
