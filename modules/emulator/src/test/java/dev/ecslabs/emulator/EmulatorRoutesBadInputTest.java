package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The emulator's own routes ({@code /_emulator/*}) get the same bad-input treatment as the AWS
 * actions: odd, empty, overlong and hostile values in their paths and parameters, from a signed
 * caller, are answered with a 4xx that says what was wrong (or a plain answer where the value is
 * simply not found), never a 5xx, and each in bounded time.
 */
@EmulatorTest
class EmulatorRoutesBadInputTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static Emulator emulator;

    private static final List<String> VALUES = List.of("", " ", "x".repeat(6_000), "../../etc/passwd", "%00", "\u00e9\u4e2d\ud83d\ude00",
            "arn:aws:ecs:us-east-1:000000000000:task/", "arn:aws:ecs:us-east-1:999999999999:task/lab/0123", "-1",
            "99999999999999999999999", "1e400", "null", "{}", "a/b/c", "\\", "'\"<>");

    @Test
    @DisplayName("GET /_emulator/tasks/<task>/ports with any task value is a 4xx naming the task (or its ports), never a 5xx")
    void taskPorts() throws Exception {
        for (String value : VALUES) {
            if (value.isEmpty() || value.contains("/") || value.contains("\\")) {
                continue; // not one path segment: another route, or none
            }
            check(send("GET", "/_emulator/tasks/" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") + "/ports"),
                    value);
        }
    }

    @Test
    @DisplayName("POST /_emulator/fargate-spot/interruptions with any cluster value answers without a 5xx")
    void fargateSpotInterruptions() throws Exception {
        for (String value : VALUES) {
            check(send("POST", "/_emulator/fargate-spot/interruptions?cluster=" + URLEncoder.encode(value, StandardCharsets.UTF_8)), value);
        }
    }

    @Test
    @DisplayName("GET /_emulator/service-connect/aliases with any parameter answers without a 5xx")
    void serviceConnectAliases() throws Exception {
        for (String value : VALUES) {
            for (String parameter : List.of("cluster", "namespace", "service")) {
                check(send("GET", "/_emulator/service-connect/aliases?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)),
                        value);
            }
        }
    }

    @Test
    @DisplayName("POST /_emulator/clock/jumps with any seconds value is a 4xx naming the range (or 409 where the clock does not jump)")
    void clockJumps() throws Exception {
        for (String value : VALUES) {
            HttpResponse<String> response = send("POST", "/_emulator/clock/jumps?seconds=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            check(response, value);
            assertThat(response.statusCode()).as(value).isBetween(400, 499);
        }
    }

    private static void check(HttpResponse<String> response, String value) throws Exception {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        assertThat(response.statusCode()).as("'%s': %s", shown, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.body()).as("'%s' answered %d", shown, response.statusCode()).startsWith("{");
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("__type").asText()).as("'%s'", shown).isNotBlank();
            assertThat(error.path("message").asText()).as("'%s'", shown).isNotBlank();
            assertThat(response.body().length()).as("the answer to '%s' stays small", shown).isLessThan(2_000);
        }
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        long start = System.nanoTime();
        HttpRequest request = SignedRequests.signed(method, URI.create(emulator.url() + path), "000000000000", "secret", "us-east-1")
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds for %s", method + " " + path.substring(0, Math.min(80, path.length())))
                .isLessThan(5_000);
        return response;
    }
}
