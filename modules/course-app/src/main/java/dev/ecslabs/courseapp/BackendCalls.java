package dev.ecslabs.courseapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * The web tier's calls to its backend, by the name the task definition gives ({@code BACKEND_URL}) or at an
 * instance Cloud Map answers ({@code BACKEND_DISCOVERY}, see {@link CloudMapInstances}).
 * Each call opens a connection of its own, so that every call is routed afresh whatever the backend's
 * port says: Service Connect spreads each request over the backend's tasks when its {@code appProtocol}
 * is http, but each connection when it is TCP (no appProtocol), on ECS as in the emulator.
 */
final class BackendCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The backend's JSON answer, or an {@code error} saying what went wrong. */
    record Answer(boolean ok, JsonNode body) {
    }

    private final BackendAddresses addresses;

    BackendCalls(BackendAddresses addresses) {
        this.addresses = addresses;
    }

    /** Makes the backend's addresses ready before the app takes requests. */
    void warmUp() {
        addresses.warmUp();
    }

    /** {@code GET path} of the backend, the request id passed on in {@code X-Request-Id} so its log names the same request. */
    Answer get(String path, String requestId) {
        String baseUrl;
        try {
            baseUrl = addresses.next();
        } catch (BackendAddresses.BackendNotFound e) {
            return new Answer(false, JSON.valueToTree(Map.of("error", e.getMessage())));
        }
        String url = baseUrl + path;
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestProperty(RequestIds.HEADER, requestId);
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            try {
                int status = connection.getResponseCode();
                try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    JsonNode body = in == null ? JSON.nullNode() : JSON.readTree(in);
                    if (status >= 500) {
                        addresses.failed(baseUrl);
                    }
                    return new Answer(status < 400, status < 400 ? body
                            : JSON.valueToTree(Map.of("error", "the backend " + url + " answered " + status, "answer", body)));
                }
            } finally {
                connection.disconnect(); // no kept-alive connection: the next call is routed afresh
            }
        } catch (IOException | IllegalArgumentException e) {
            addresses.failed(baseUrl);
            return new Answer(false, JSON.valueToTree(Map.of("error", "the backend " + url + " did not answer: " + e)));
        }
    }
}
