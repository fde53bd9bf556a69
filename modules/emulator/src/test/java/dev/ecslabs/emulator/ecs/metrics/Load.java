package dev.ecslabs.emulator.ecs.metrics;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Drives {@code POST /_emulator/load} as a test or a learner's script would, signed as one account. */
public final class Load {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Load() {
    }

    /** Sets the service's load, answering the route's status and body. */
    public static HttpResponse<String> set(Emulator emulator, String accessKeyId, String cluster, String service,
                                           double requestsPerSecond) {
        String body = "{\"cluster\":\"" + cluster + "\",\"service\":\"" + service + "\",\"requestsPerSecond\":" + requestsPerSecond + "}";
        HttpRequest request = SignedRequests.signed("POST", URI.create(emulator.url() + LoadRoute.PATH), accessKeyId, "secret", "us-east-1")
                .header("Content-Type", "application/json").method("POST", HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
