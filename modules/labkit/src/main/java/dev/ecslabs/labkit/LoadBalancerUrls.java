package dev.ecslabs.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Where a test reaches a load balancer's listener: on the course's emulator the local port it
 * answers on ({@code GET /_emulator/load-balancers/<name>/url}, signed with the backend's keys); on
 * AWS its DNS name ({@code http://<DNSName>:<port>}), as a browser would.
 */
public final class LoadBalancerUrls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LoadBalancerUrls() {
    }

    /** The base URL of the load balancer's listener on {@code port} (no trailing slash). */
    public static URI of(Backend backend, LoadBalancer loadBalancer, int port) {
        if (!backend.isCourseEmulator()) {
            return URI.create("http://" + loadBalancer.dnsName() + (port == 80 ? "" : ":" + port));
        }
        AwsCredentials keys = backend.credentials().resolveCredentials();
        URI route = URI.create(backend.endpoint() + "/_emulator/load-balancers/" + loadBalancer.loadBalancerName() + "/url");
        try {
            HttpResponse<String> answer = HTTP.send(SignedRequests.signed("GET", route, keys.accessKeyId(),
                    keys.secretAccessKey(), backend.region().id()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError(route + " answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode listeners = JSON.readTree(answer.body()).path("listeners");
            for (JsonNode listener : listeners) {
                if (listener.path("port").asInt() == port) {
                    return URI.create(listener.path("url").asText());
                }
            }
            throw new AssertionError("Load balancer " + loadBalancer.loadBalancerName() + " has no listener on port " + port
                    + "; its listeners: " + listeners + ". Create one with CreateListener (port " + port + ").");
        } catch (IOException e) {
            throw new UncheckedIOException("The emulator at " + backend.endpoint() + " did not answer " + route, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + route, e);
        }
    }
}
