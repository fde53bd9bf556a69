package dev.ecslabs.courseapp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the app is told by its task definition's environment.
 *
 * @param metadataUri {@code ECS_CONTAINER_METADATA_URI_V4}, which ECS gives every container of a Fargate task
 *                    (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html);
 *                    {@code null} outside ECS
 * @param backendUrl  the service the web tier calls, by name; {@code null} for a backend or when {@code discovery} is set
 * @param discovery   the backend found through Cloud Map instead ({@code BACKEND_DISCOVERY}, {@code BACKEND_QUERY});
 *                    {@code null} when the backend is called by name or there is none
 */
record AppSettings(int port, String greeting, String metadataUri, String backendUrl, BackendDiscovery discovery) {

    /**
     * A backend found with Cloud Map's {@code DiscoverInstances}: {@code BACKEND_DISCOVERY=<namespace>/<service>}
     * and {@code BACKEND_QUERY=KEY=VALUE,...}, the instances' attributes every answer must match.
     */
    record BackendDiscovery(String namespace, String service, Map<String, String> queryParameters) {

        static BackendDiscovery parse(String discovery, String query) {
            int slash = discovery.indexOf('/');
            if (slash <= 0 || slash == discovery.length() - 1 || discovery.indexOf('/', slash + 1) >= 0) {
                throw new IllegalArgumentException("BACKEND_DISCOVERY must be <namespace>/<service> such as shop.local/orders, not \""
                        + discovery + "\"");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : query == null ? new String[0] : query.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("BACKEND_QUERY must be KEY=VALUE pairs separated by commas such as "
                            + "ECS_CLUSTER_NAME=shop, not \"" + query + "\"");
                }
                parameters.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            return new BackendDiscovery(discovery.substring(0, slash).trim(), discovery.substring(slash + 1).trim(), Map.copyOf(parameters));
        }
    }

    /** The settings of an app whose backend, if any, is called by name. */
    AppSettings(int port, String greeting, String metadataUri, String backendUrl) {
        this(port, greeting, metadataUri, backendUrl, null);
    }

    static AppSettings fromEnvironment(Map<String, String> environment) {
        String port = environment.getOrDefault("PORT", "8080");
        String discovery = blankToNull(environment.get("BACKEND_DISCOVERY"));
        String backendUrl = blankToNull(environment.get("BACKEND_URL"));
        if (discovery != null && backendUrl != null) {
            throw new IllegalArgumentException("Set BACKEND_URL (the backend by name) or BACKEND_DISCOVERY (found through Cloud Map), not both");
        }
        try {
            return new AppSettings(Integer.parseInt(port.trim()), environment.getOrDefault("GREETING", "hello"),
                    blankToNull(environment.get("ECS_CONTAINER_METADATA_URI_V4")), backendUrl,
                    discovery == null ? null : BackendDiscovery.parse(discovery, environment.get("BACKEND_QUERY")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a port number such as 8080, not \"" + port + "\"", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
