package dev.ecslabs.courseapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The app on this machine, outside ECS: the task metadata endpoint stood in for by a tiny server answering AWS's shape. */
class CourseAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("/ names the task from the metadata endpoint's TaskARN, /health answers UP")
    void answersWithItsTask() throws Exception {
        Javalin metadata = metadataEndpoint("arn:aws:ecs:us-east-1:000000000000:task/labs/0123456789abcdef", "web", "3");
        Javalin app = new CourseApp(new AppSettings(0, "hi", "http://127.0.0.1:" + metadata.port() + "/v4/c1", null)).start();
        try {
            JsonNode answer = get(app.port(), "/");
            assertThat(answer.path("greeting").asText()).isEqualTo("hi");
            assertThat(answer.path("task").path("taskId").asText()).isEqualTo("0123456789abcdef");
            assertThat(answer.path("task").path("family").asText()).isEqualTo("web");
            assertThat(answer.path("task").path("privateIp").asText()).isEqualTo("10.0.1.7");
            assertThat(get(app.port(), "/health").path("status").asText()).isEqualTo("UP");
        } finally {
            app.stop();
            metadata.stop();
        }
    }

    @Test
    @DisplayName("The web tier answers with what its backend answered, and 502 with the reason when the backend is gone")
    void webTierCallsItsBackend() throws Exception {
        Javalin metadata = metadataEndpoint("arn:aws:ecs:us-east-1:000000000000:task/labs/backendtask", "backend", "1");
        Javalin backend = new CourseApp(new AppSettings(0, "from the back", "http://127.0.0.1:" + metadata.port() + "/v4/c2", null))
                .start();
        Javalin web = new CourseApp(new AppSettings(0, "hello", null, "http://127.0.0.1:" + backend.port())).start();
        try {
            JsonNode answer = get(web.port(), "/");
            assertThat(answer.path("task").isNull()).isTrue();
            assertThat(answer.path("backend").path("greeting").asText()).isEqualTo("from the back");
            assertThat(answer.path("backend").path("task").path("taskId").asText()).isEqualTo("backendtask");
            backend.stop();
            HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(failed.body()).contains("did not answer");
        } finally {
            web.stop();
            backend.stop();
            metadata.stop();
        }
    }

    @Test
    @DisplayName("A caller's X-Request-Id is passed on to the backend and answered; a request without one gets a new id")
    void requestIdFollowsTheRequest() throws Exception {
        Javalin backend = new CourseApp(new AppSettings(0, "orders", null, null)).start();
        Javalin web = new CourseApp(new AppSettings(0, "frontend", null, "http://127.0.0.1:" + backend.port())).start();
        try {
            HttpResponse<String> answered = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/"))
                    .header("X-Request-Id", "req-42").build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(answered.body());
            assertThat(answer.path("requestId").asText()).isEqualTo("req-42");
            assertThat(answer.path("backend").path("requestId").asText()).as("the backend saw the same id").isEqualTo("req-42");
            assertThat(answered.headers().firstValue("X-Request-Id")).hasValue("req-42");
            JsonNode fresh = get(web.port(), "/");
            assertThat(fresh.path("requestId").asText()).as("a new id, passed on").isNotBlank()
                    .isEqualTo(fresh.path("backend").path("requestId").asText()).isNotEqualTo("req-42");
            assertThat(RequestIds.of("a b\nrequest-id=forged")).as("an id that is not plain is replaced").doesNotContain("forged");
        } finally {
            web.stop();
            backend.stop();
        }
    }

    @Test
    @DisplayName("A PORT that is not a number is refused with what would be right")
    void badPort() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("PORT", "http")))
                .hasMessageContaining("such as 8080");
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Javalin metadataEndpoint(String taskArn, String family, String revision) {
        return Javalin.create(config -> config.routes.get("/v4/{container}/task", ctx -> ctx.json(Map.of(
                "TaskARN", taskArn, "Family", family, "Revision", revision, "AvailabilityZone", "us-east-1a",
                "Containers", java.util.List.of(Map.of("Networks", java.util.List.of(Map.of("IPv4Addresses",
                        java.util.List.of("10.0.1.7"))))))))).start("127.0.0.1", 0);
    }
}
