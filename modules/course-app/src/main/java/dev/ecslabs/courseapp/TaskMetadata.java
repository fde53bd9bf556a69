package dev.ecslabs.courseapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who this task is, from the task metadata endpoint v4 ({@code ${ECS_CONTAINER_METADATA_URI_V4}/task}:
 * {@code TaskARN}, {@code Family}, {@code Revision}, {@code AvailabilityZone}, the containers'
 * {@code Networks[].IPv4Addresses}), read once: a task keeps its identity for its whole life.
 */
final class TaskMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String uri;
    private volatile Map<String, String> task;

    TaskMetadata(String uri) {
        this.uri = uri;
    }

    /** The task's ARN, id, family, revision, Availability Zone and private IP; empty outside ECS. */
    Optional<Map<String, String>> task() {
        if (uri == null) {
            return Optional.empty();
        }
        Map<String, String> known = task;
        if (known == null) {
            known = read();
            task = known;
        }
        return Optional.of(known);
    }

    private Map<String, String> read() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(uri + "/task").toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(2_000);
            try (InputStream in = connection.getInputStream()) {
                JsonNode metadata = JSON.readTree(in);
                String arn = metadata.path("TaskARN").asText();
                Map<String, String> identity = new LinkedHashMap<>();
                identity.put("taskArn", arn);
                identity.put("taskId", arn.substring(arn.lastIndexOf('/') + 1));
                identity.put("family", metadata.path("Family").asText());
                identity.put("revision", metadata.path("Revision").asText());
                identity.put("availabilityZone", metadata.path("AvailabilityZone").asText());
                identity.put("privateIp", metadata.path("Containers").path(0).path("Networks").path(0)
                        .path("IPv4Addresses").path(0).asText());
                return identity;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The task metadata endpoint " + uri + "/task did not answer: " + e.getMessage(), e);
        }
    }
}
