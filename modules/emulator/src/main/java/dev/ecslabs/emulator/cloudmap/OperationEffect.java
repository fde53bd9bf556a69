package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.servicediscovery.model.DnsConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;

/**
 * What a Cloud Map operation changes when it succeeds, as data rather than as code: it names what
 * it changes by id and carries the new values, so an operation still in progress can be saved in
 * a snapshot and completed after a restart. {@link #apply} runs under the account-region's lock
 * and answers {@code null} on success or why the operation failed.
 */
sealed interface OperationEffect {

    Operations.Failure apply(AccountRegion region);

    /** The effect as JSON, with its {@code kind}: the form it has in a snapshot. */
    ObjectNode toJson();

    /** CREATE_NAMESPACE: the namespace, created in state CREATING, becomes ACTIVE. */
    record CreateNamespace(String namespaceId) implements OperationEffect {
        @Override
        public Operations.Failure apply(AccountRegion region) {
            Namespaces.of(region).findIncludingCreating(namespaceId)
                    .ifPresent(namespace -> namespace.state(NamespaceRecord.State.ACTIVE));
            return null;
        }

        @Override
        public ObjectNode toJson() {
            return kind("createNamespace").put("namespaceId", namespaceId);
        }
    }

    /** DELETE_NAMESPACE: the namespace, DELETING since the request, is gone. */
    record DeleteNamespace(String namespaceId) implements OperationEffect {
        @Override
        public Operations.Failure apply(AccountRegion region) {
            Namespaces.of(region).remove(namespaceId);
            return null;
        }

        @Override
        public ObjectNode toJson() {
            return kind("deleteNamespace").put("namespaceId", namespaceId);
        }
    }

    /** UPDATE_NAMESPACE: a new description or SOA TTL; {@code null} leaves it as it is. */
    record UpdateNamespace(String namespaceId, String description, Long soaTtl) implements OperationEffect {
        @Override
        public Operations.Failure apply(AccountRegion region) {
            Namespaces.of(region).findIncludingCreating(namespaceId).ifPresent(namespace -> {
                if (description != null) {
                    namespace.description(description);
                }
                if (soaTtl != null) {
                    namespace.soaTtl(soaTtl);
                }
            });
            return null;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = kind("updateNamespace").put("namespaceId", namespaceId).put("description", description);
            return soaTtl == null ? json : json.put("soaTtl", soaTtl);
        }
    }

    /**
     * UPDATE_SERVICE: a new description ({@code null} leaves it), and the DNS records and health
     * check the service has from then on ({@code null} removes them, as UpdateService does).
     */
    record UpdateService(String serviceId, String description, DnsConfig dnsConfig, HealthCheckConfig healthCheckConfig)
            implements OperationEffect {
        @Override
        public Operations.Failure apply(AccountRegion region) {
            CloudMapServices.of(region).find(serviceId).ifPresent(service -> {
                if (description != null) {
                    service.description(description);
                }
                service.dnsConfig(dnsConfig);
                service.healthCheckConfig(healthCheckConfig);
            });
            return null;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = kind("updateService").put("serviceId", serviceId).put("description", description);
            if (dnsConfig != null) {
                json.set("dnsConfig", AwsJsonCodec.write(dnsConfig));
            }
            if (healthCheckConfig != null) {
                json.set("healthCheckConfig", AwsJsonCodec.write(healthCheckConfig));
            }
            return json;
        }
    }

    /** REGISTER_INSTANCE: the instance is registered (or updated) with these attributes, its health check started. */
    record RegisterInstance(String serviceId, String instanceId, String creatorRequestId, Map<String, String> attributes)
            implements OperationEffect {
        @Override
        public Operations.Failure apply(AccountRegion region) {
            CloudMapServices.of(region).find(serviceId).ifPresent(service -> {
                InstanceRecord instance = service.instance(instanceId)
                        .orElseGet(() -> new InstanceRecord(instanceId, region.accountId()));
                instance.registered(creatorRequestId, attributes);
                InstanceHealth.start(region, service, instance, attributes);
                service.put(instance);
            });
            return null;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = kind("registerInstance").put("serviceId", serviceId).put("instanceId", instanceId)
                    .put("creatorRequestId", creatorRequestId);
            json.set("attributes", AwsJsonCodec.MAPPER.valueToTree(new TreeMap<>(attributes)));
            return json;
        }
    }

    /** DEREGISTER_INSTANCE: the instance is gone. */
    record DeregisterInstance(String serviceId, String instanceId) implements OperationEffect {
        @Override
        public Operations.Failure apply(AccountRegion region) {
            CloudMapServices.of(region).find(serviceId).ifPresent(service -> service.remove(instanceId));
            return null;
        }

        @Override
        public ObjectNode toJson() {
            return kind("deregisterInstance").put("serviceId", serviceId).put("instanceId", instanceId);
        }
    }

    /** Reads an effect back from {@link #toJson()}. */
    static OperationEffect fromJson(JsonNode json) {
        String kind = json.path("kind").asText();
        return switch (kind) {
            case "createNamespace" -> new CreateNamespace(text(json, "namespaceId"));
            case "deleteNamespace" -> new DeleteNamespace(text(json, "namespaceId"));
            case "updateNamespace" -> new UpdateNamespace(text(json, "namespaceId"), json.path("description").textValue(),
                    json.hasNonNull("soaTtl") ? json.get("soaTtl").asLong() : null);
            case "updateService" -> new UpdateService(text(json, "serviceId"), json.path("description").textValue(),
                    json.hasNonNull("dnsConfig") ? AwsJsonCodec.read(json.get("dnsConfig"), DnsConfig.builder()) : null,
                    json.hasNonNull("healthCheckConfig")
                            ? AwsJsonCodec.read(json.get("healthCheckConfig"), HealthCheckConfig.builder()) : null);
            case "registerInstance" -> new RegisterInstance(text(json, "serviceId"), text(json, "instanceId"),
                    json.path("creatorRequestId").textValue(), strings(json.path("attributes")));
            case "deregisterInstance" -> new DeregisterInstance(text(json, "serviceId"), text(json, "instanceId"));
            default -> throw new IllegalArgumentException("an operation has an effect of unknown kind '" + kind + "'");
        };
    }

    private static ObjectNode kind(String kind) {
        return AwsJsonCodec.MAPPER.createObjectNode().put("kind", kind);
    }

    private static String text(JsonNode json, String member) {
        if (!json.path(member).isTextual()) {
            throw new IllegalArgumentException("an operation's effect lacks '" + member + "'");
        }
        return json.get(member).textValue();
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return Map.copyOf(values);
    }
}
