package dev.ecslabs.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Reaching a task's app from a test, when the course's emulator runs it for real as a process of
 * this machine: {@link #localUrl} asks {@code GET /_emulator/tasks/<id>/ports} (signed with the
 * backend's keys) where the task's container port answers, {@link #get} asks the app. On another
 * backend (LocalStack, AWS) a task's address is in its VPC, not on this machine:
 * {@link #assumeAvailable} skips the exercise there, with a sentence saying so.
 */
public final class RealWorkloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long an app's JVM may take to listen (a Javalin app takes 1-2 s on a quiet laptop, far more on a busy one). */
    static final Duration APP_START_PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RealWorkloads() {
    }

    /** Skips the calling test unless the backend is the course's emulator, whose tasks of Java images run for real here. */
    public static void assumeAvailable(Backend backend) {
        Assumptions.assumeTrue(backend.isCourseEmulator(), () -> "This exercise calls the app a task runs, on this machine: "
                + "only the course's emulator runs tasks here (" + backend + " runs them in a VPC this test can't reach).");
    }

    /**
     * The URL on this machine where {@code containerPort} of the task's app answers, once the task
     * runs (polled as the backend's waiters poll); fails with the container's runtime and reason
     * when it runs simulated.
     */
    public static URI localUrl(Backend backend, String taskArn, int containerPort) {
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        JsonNode ports = backend.pollUntil(() -> ports(backend, taskId), answer -> url(answer, containerPort).isPresent());
        return url(ports, containerPort).map(URI::create).orElseThrow(() -> new AssertionError("Task " + taskId
                + " has no local URL for container port " + containerPort + "; its containers: " + ports.path("containers")
                + ". A task of the course app's image (CourseAppImage.push) runs for real; is port " + containerPort
                + " in its container definition's portMappings?"));
    }

    /** What the app answers to {@code GET url}, asked until its JVM has started listening: status and body. */
    public static HttpResponse<String> get(Backend backend, URI url) {
        return get(backend, url, "");
    }

    /** What the task's app answers to {@code GET path} on {@code containerPort}; a failure quotes the app's last lines. */
    public static JsonNode getJson(Backend backend, String taskArn, int containerPort, String path) {
        URI url = localUrl(backend, taskArn, containerPort).resolve(path);
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        return json(url, get(backend, url, " The app's last lines: " + ports(backend, taskId).path("containers")));
    }

    private static HttpResponse<String> get(Backend backend, URI url, String moreAboutFailure) {
        // A JVM starts in real time, whatever the emulator's clock does: patience is counted on the wall clock.
        long deadline = System.nanoTime() + APP_START_PATIENCE.toNanos();
        Optional<HttpResponse<String>> answer = Optional.empty();
        while (answer.isEmpty() && System.nanoTime() < deadline) {
            try {
                answer = Optional.of(HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (IOException notListeningYet) {
                sleep(backend.pollInterval(Duration.ofSeconds(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while asking " + url, e);
            }
        }
        return answer.orElseThrow(() -> new AssertionError("Nothing answered at " + url + ": did the app start? Its last "
                + "lines are in /_emulator/tasks/<id>/ports and on the dashboard's resources page." + moreAboutFailure));
    }

    /** The JSON the app answers to {@code GET url} with 200. */
    public static JsonNode getJson(Backend backend, URI url) {
        return json(url, get(backend, url));
    }

    private static JsonNode json(URI url, HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw new AssertionError(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(url + " answered something that is not JSON: " + answer.body(), e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an app to listen", e);
        }
    }

    private static JsonNode ports(Backend backend, String taskId) {
        AwsCredentials keys = backend.credentials().resolveCredentials();
        URI route = URI.create(backend.endpoint() + "/_emulator/tasks/" + taskId + "/ports");
        try {
            HttpResponse<String> answer = HTTP.send(SignedRequests.signed("GET", route, keys.accessKeyId(), keys.secretAccessKey(),
                    backend.region().id()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError(route + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("The emulator at " + backend.endpoint() + " did not answer " + route, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + route, e);
        }
    }

    private static Optional<String> url(JsonNode ports, int containerPort) {
        for (JsonNode port : ports.path("ports")) {
            if (port.path("containerPort").asInt() == containerPort) {
                return Optional.of(port.path("url").asText());
            }
        }
        return Optional.empty();
    }
}
