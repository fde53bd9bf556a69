package dev.ecslabs.emulator.ecs.serviceconnect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
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
 * It survives a restart, journaled resource by resource ({@code discovery/<namespaceArn> <name>},
 * {@code task/<taskArn>}); nothing in it is scheduled.
 */
public final class ServiceConnectState implements ResourceArea {
    private static final String DISCOVERY = "discovery/";
    private static final String TASK = "task/";

    /** A Cloud Map service ECS created for a discovery name in a namespace, as saved. */
    record DiscoveryService(String namespaceArn, String discoveryName, String cloudMapServiceArn) {
    }

    /** The endpoints a task's proxy was configured with, as saved. */
    record TaskEndpoints(String taskArn, List<SavedEndpoint> endpoints) {
    }

    /** One {@link Endpoint}, flat, as saved. */
    record SavedEndpoint(String dnsName, int port, String namespaceArn, String discoveryName) {
        static SavedEndpoint of(Endpoint endpoint) {
            return new SavedEndpoint(endpoint.alias().dnsName(), endpoint.alias().port(), endpoint.namespaceArn(),
                    endpoint.discoveryName());
        }

        Endpoint endpoint() {
            return new Endpoint(new ClientAlias(required(dnsName, "dnsName"), port), required(namespaceArn, "namespaceArn"),
                    required(discoveryName, "discoveryName"));
        }
    }

    /** The whole area as saved in a checkpoint. */
    record Saved(List<DiscoveryService> discoveryServices, List<TaskEndpoints> tasks) {
    }

    private final AccountRegion region;
    private final Map<String, String> discoveryArns = new LinkedHashMap<>();
    private final Map<String, List<Endpoint>> taskEndpoints = new LinkedHashMap<>();

    private ServiceConnectState(AccountRegion region) {
        this.region = region;
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
        region.changed(ServiceConnectState.class, DISCOVERY + key(namespaceArn, discoveryName));
    }

    void forgetDiscoveryArn(String namespaceArn, String discoveryName) {
        if (discoveryArns.remove(key(namespaceArn, discoveryName)) != null) {
            region.changed(ServiceConnectState.class, DISCOVERY + key(namespaceArn, discoveryName));
        }
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
        region.changed(ServiceConnectState.class, TASK + taskArn);
    }

    void forgetTask(String taskArn) {
        if (taskEndpoints.remove(taskArn) != null) {
            region.changed(ServiceConnectState.class, TASK + taskArn);
        }
    }

    private static String key(String namespaceArn, String discoveryName) {
        return namespaceArn + " " + discoveryName;
    }

    @Override
    public JsonNode snapshot() {
        List<DiscoveryService> discovery = new ArrayList<>();
        discoveryArns.keySet().forEach(key -> discovery.add(discoveryService(key)));
        List<TaskEndpoints> tasks = new ArrayList<>();
        taskEndpoints.keySet().forEach(taskArn -> tasks.add(taskEndpoints(taskArn)));
        return SavedStateJson.write(new Saved(discovery, tasks));
    }

    @Override
    public void restore(JsonNode snapshot) {
        Saved saved = SavedStateJson.read(snapshot, Saved.class);
        (saved.discoveryServices() == null ? List.<DiscoveryService>of() : saved.discoveryServices()).forEach(this::put);
        (saved.tasks() == null ? List.<TaskEndpoints>of() : saved.tasks()).forEach(this::put);
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        if (key.startsWith(DISCOVERY)) {
            String held = key.substring(DISCOVERY.length());
            return discoveryArns.containsKey(held) ? Optional.of(SavedStateJson.write(discoveryService(held))) : Optional.empty();
        }
        if (key.startsWith(TASK)) {
            String taskArn = key.substring(TASK.length());
            return taskEndpoints.containsKey(taskArn) ? Optional.of(SavedStateJson.write(taskEndpoints(taskArn))) : Optional.empty();
        }
        throw new IllegalArgumentException("Service Connect keeps nothing as '" + key + "'");
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (key.startsWith(DISCOVERY)) {
            discoveryArns.remove(key.substring(DISCOVERY.length()));
            if (json != null) {
                DiscoveryService saved = SavedStateJson.read(json, DiscoveryService.class);
                put(saved);
                if (!discoveryArns.containsKey(key.substring(DISCOVERY.length()))) {
                    throw new IllegalArgumentException("the discovery service saved as '" + key + "' is " + saved);
                }
            }
        } else if (key.startsWith(TASK)) {
            taskEndpoints.remove(key.substring(TASK.length()));
            if (json != null) {
                TaskEndpoints saved = SavedStateJson.read(json, TaskEndpoints.class);
                if (!key.equals(TASK + saved.taskArn())) {
                    throw new IllegalArgumentException("the task saved as '" + key + "' is " + saved.taskArn());
                }
                put(saved);
            }
        } else {
            throw new IllegalArgumentException("Service Connect keeps nothing as '" + key + "'");
        }
    }

    private DiscoveryService discoveryService(String key) {
        int space = key.indexOf(' ');
        return new DiscoveryService(key.substring(0, space), key.substring(space + 1), discoveryArns.get(key));
    }

    private TaskEndpoints taskEndpoints(String taskArn) {
        return new TaskEndpoints(taskArn, taskEndpoints.get(taskArn).stream().map(SavedEndpoint::of).toList());
    }

    private void put(DiscoveryService saved) {
        discoveryArns.put(key(required(saved.namespaceArn(), "namespaceArn"), required(saved.discoveryName(), "discoveryName")),
                required(saved.cloudMapServiceArn(), "cloudMapServiceArn"));
    }

    private void put(TaskEndpoints saved) {
        List<Endpoint> endpoints = new ArrayList<>();
        (saved.endpoints() == null ? List.<SavedEndpoint>of() : saved.endpoints()).forEach(e -> endpoints.add(e.endpoint()));
        taskEndpoints.put(required(saved.taskArn(), "taskArn"), List.copyOf(endpoints));
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("A Service Connect record without its " + field);
        }
        return value;
    }
}
