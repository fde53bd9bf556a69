package dev.ecslabs.emulator.ecs.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The load a test or the learner puts on simulated services ({@code POST /_emulator/load}): requests
 * per second per service, by {@code <cluster name>/<service name>}. What CPU and memory a simulated
 * task then shows is {@link ServiceUtilization}'s load model. Journaled service by service.
 */
public final class ServiceLoad implements ResourceArea {
    private final AccountRegion region;
    private final Map<String, Double> requestsPerSecond = new TreeMap<>();

    private ServiceLoad(AccountRegion region) {
        this.region = region;
    }

    public static ServiceLoad of(AccountRegion region) {
        return region.area(ServiceLoad.class, ServiceLoad::new);
    }

    static String key(String clusterName, String serviceName) {
        return clusterName + "/" + serviceName;
    }

    /** Sets a service's load; 0 takes it off. */
    public void set(String clusterName, String serviceName, double perSecond) {
        String key = key(clusterName, serviceName);
        if (perSecond == 0) {
            requestsPerSecond.remove(key);
        } else {
            requestsPerSecond.put(key, perSecond);
        }
        region.changed(ServiceLoad.class, key);
    }

    public double of(String clusterName, String serviceName) {
        return requestsPerSecond.getOrDefault(key(clusterName, serviceName), 0.0);
    }

    public Map<String, Double> all() {
        return Map.copyOf(requestsPerSecond);
    }

    public boolean isEmpty() {
        return requestsPerSecond.isEmpty();
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(requestsPerSecond);
    }

    @Override
    public void restore(JsonNode snapshot) {
        requestsPerSecond.putAll(SavedStateJson.read(snapshot, new TypeReference<Map<String, Double>>() { }));
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        return Optional.ofNullable(requestsPerSecond.get(key)).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (json == null) {
            requestsPerSecond.remove(key);
        } else if (json.isNumber()) {
            requestsPerSecond.put(key, json.doubleValue());
        } else {
            throw new IllegalArgumentException("the load saved for " + key + " is not a number: " + json);
        }
    }
}
