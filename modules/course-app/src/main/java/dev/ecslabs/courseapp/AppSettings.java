package dev.ecslabs.courseapp;

import java.util.Map;

/**
 * What the app is told by its task definition's environment.
 *
 * @param metadataUri {@code ECS_CONTAINER_METADATA_URI_V4}, which ECS gives every container of a Fargate task
 *                    (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html);
 *                    {@code null} outside ECS
 * @param backendUrl  the service the web tier calls, by name; {@code null} for a backend
 */
record AppSettings(int port, String greeting, String metadataUri, String backendUrl) {

    static AppSettings fromEnvironment(Map<String, String> environment) {
        String port = environment.getOrDefault("PORT", "8080");
        try {
            return new AppSettings(Integer.parseInt(port.trim()), environment.getOrDefault("GREETING", "hello"),
                    blankToNull(environment.get("ECS_CONTAINER_METADATA_URI_V4")), blankToNull(environment.get("BACKEND_URL")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a port number such as 8080, not \"" + port + "\"", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
