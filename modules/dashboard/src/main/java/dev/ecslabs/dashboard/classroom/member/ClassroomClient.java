package dev.ecslabs.dashboard.classroom.member;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.ResultEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The two calls to a classroom's API, over HTTP: join, and send a batch of results. */
public final class ClassroomClient {
    /** Mirrors the classroom's header for the join code. */
    public static final String CODE_HEADER = "X-Classroom-Code";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI classroom;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public ClassroomClient(URI classroom) {
        this.classroom = classroom;
    }

    /** What the classroom answered to a join. */
    public record Joined(String name, String account, long through, Optional<String> emulator) {
    }

    /** What the classroom answered to a batch. */
    public record Sent(long through, int applied, int duplicates, int ignored) {
    }

    /** The classroom answered, and said no: its status, its sentence, and how long to wait when that helps. */
    public static final class Refused extends Exception {
        private final int status;
        private final long retryAfterSeconds;

        Refused(int status, String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int status() {
            return status;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    public Joined join(LearnerName name, String code, String secret) throws IOException, InterruptedException, Refused {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("name", name.shown()).put("secret", secret);
        JsonNode answer = post("/api/join", body, HttpRequest.newBuilder());
        expect(answer, "account");
        return new Joined(answer.path("name").asText(), answer.path("account").asText(), answer.path("through").asLong(),
                Optional.ofNullable(answer.path("emulator").asText(null)));
    }

    public Sent send(String code, String secret, List<ResultEvent> events) throws IOException, InterruptedException, Refused {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(event -> array.add(event.toJson()));
        JsonNode answer = post("/api/events", body, HttpRequest.newBuilder().header(CODE_HEADER, code)
                .header("Authorization", "Bearer " + secret));
        expect(answer, "through");
        return new Sent(answer.path("through").asLong(), answer.path("applied").asInt(), answer.path("duplicates").asInt(),
                answer.path("ignored").asInt());
    }

    private JsonNode post(String path, ObjectNode body, HttpRequest.Builder request)
            throws IOException, InterruptedException, Refused {
        HttpResponse<String> response = http.send(request.uri(classroom.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200) {
            String message = answer.path("message").asText("The classroom answered " + response.statusCode() + ".");
            throw new Refused(response.statusCode(), message,
                    response.headers().firstValue("Retry-After").map(ClassroomClient::seconds).orElse(0L));
        }
        return answer;
    }

    /** A 200 without the classroom's answer is some other server (a captive portal): as good as no answer. */
    private void expect(JsonNode answer, String field) throws IOException {
        if (!answer.has(field)) {
            throw new IOException(classroom + " answered, but not as a classroom does");
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException e) {
            // a proxy's or a captive portal's page, not the classroom: it has no message for us
            return JSON.createObjectNode();
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
