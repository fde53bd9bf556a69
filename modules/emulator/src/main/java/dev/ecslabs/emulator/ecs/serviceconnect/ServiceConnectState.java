package dev.ecslabs.emulator.ecs.serviceconnect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.PersistentArea;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Service Connect keeps in one account and region: the Cloud Map services ECS created, by
 * namespace and discovery name, and for each task of a Service Connect service the endpoints its
 * proxy was configured with when it started ("Tasks that run in a namespace can only resolve
 * endpoints that already existed before the task started",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html).
 * It survives a restart; nothing in it is scheduled.
 */
public final class ServiceConnectState implements PersistentArea {
    private final Map<String, String> discoveryArns = new LinkedHashMap<>();
    private final Map<String, List<Endpoint>> taskEndpoints = new LinkedHashMap<>();

    private ServiceConnectState(AccountRegion region) {
    }

    public static ServiceConnectState of(AccountRegion region) {
        return region.area(ServiceConnectState.class, ServiceConnectState::new);
    }

    /** The ARN of the Cloud Map service ECS created for a discovery name in a namespace, if it did. */
    Optional<String> discoveryArn(String namespaceArn, String discoveryName) {
        return Optional.ofNullable(discoveryArns.get(key(namespaceArn, discoveryName)));
    }

    void discoveryArn(String namespaceArn, String discoveryName, String cloudMapServiceArn) {
        discoveryArns.put(key(namespaceArn, discoveryName), cloudMapServiceArn);
    }

    void forgetDiscoveryArn(String namespaceArn, String discoveryName) {
        discoveryArns.remove(key(namespaceArn, discoveryName));
    }

    /** Whether ECS created this Cloud Map service for Service Connect. */
    boolean created(String cloudMapServiceArn) {
        return discoveryArns.containsValue(cloudMapServiceArn);
    }

    /** The endpoints a task's proxy knows; empty for a task that is not in Service Connect. */
    Optional<List<Endpoint>> endpointsOf(String taskArn) {
        return Optional.ofNullable(taskEndpoints.get(taskArn));
    }

    void configure(String taskArn, List<Endpoint> endpoints) {
        taskEndpoints.put(taskArn, List.copyOf(endpoints));
    }

    void forgetTask(String taskArn) {
        taskEndpoints.remove(taskArn);
    }

    private static String key(String namespaceArn, String discoveryName) {
        return namespaceArn + " " + discoveryName;
    }

    @Override
    public JsonNode snapshot() {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        ArrayNode discovery = json.putArray("discoveryServices");
        discoveryArns.forEach((key, arn) -> discovery.addObject().put("namespaceArn", key.substring(0, key.indexOf(' ')))
                .put("discoveryName", key.substring(key.indexOf(' ') + 1)).put("cloudMapServiceArn", arn));
        ArrayNode tasks = json.putArray("tasks");
        taskEndpoints.forEach((taskArn, endpoints) -> {
            ObjectNode task = tasks.addObject().put("taskArn", taskArn);
            ArrayNode known = task.putArray("endpoints");
            endpoints.forEach(endpoint -> known.addObject().put("dnsName", endpoint.alias().dnsName())
                    .put("port", endpoint.alias().port()).put("namespaceArn", endpoint.namespaceArn())
                    .put("discoveryName", endpoint.discoveryName()));
        });
        return json;
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (JsonNode discovery : snapshot.path("discoveryServices")) {
            discoveryArn(required(discovery, "namespaceArn"), required(discovery, "discoveryName"),
                    required(discovery, "cloudMapServiceArn"));
        }
        for (JsonNode task : snapshot.path("tasks")) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (JsonNode endpoint : task.path("endpoints")) {
                endpoints.add(new Endpoint(new ClientAlias(required(endpoint, "dnsName"), endpoint.path("port").asInt()),
                        required(endpoint, "namespaceArn"), required(endpoint, "discoveryName")));
            }
            configure(required(task, "taskArn"), endpoints);
        }
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("A Service Connect record without its " + field + ": " + json);
        }
        return value.asText();
    }
}
