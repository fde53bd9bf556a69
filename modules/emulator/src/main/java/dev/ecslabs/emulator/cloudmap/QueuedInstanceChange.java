package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registration or deregistration the rest of the emulator asked for ({@link CloudMap}) while
 * another change to the same instance was in progress: it waits for that operation and is then
 * submitted. Kept as data, so that it survives a restart with the operation it waits for.
 *
 * @param attributes the instance's attributes for a registration; {@code null} for a deregistration
 */
record QueuedInstanceChange(String serviceIdOrArn, String instanceId, Map<String, String> attributes) {

    static QueuedInstanceChange register(String serviceIdOrArn, String instanceId, Map<String, String> attributes) {
        return new QueuedInstanceChange(serviceIdOrArn, instanceId, Map.copyOf(attributes));
    }

    static QueuedInstanceChange deregister(String serviceIdOrArn, String instanceId) {
        return new QueuedInstanceChange(serviceIdOrArn, instanceId, null);
    }

    void submit(AccountRegion region) {
        if (attributes == null) {
            CloudMap.of(region).deregisterInstance(serviceIdOrArn, instanceId);
        } else {
            CloudMap.of(region).registerInstance(serviceIdOrArn, instanceId, attributes);
        }
    }

    ObjectNode toJson() {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode().put("serviceId", serviceIdOrArn).put("instanceId", instanceId);
        if (attributes != null) {
            json.set("attributes", AwsJsonCodec.MAPPER.valueToTree(new TreeMap<>(attributes)));
        }
        return json;
    }

    static QueuedInstanceChange fromJson(JsonNode json) {
        if (!json.path("serviceId").isTextual() || !json.path("instanceId").isTextual()) {
            throw new IllegalArgumentException("a queued instance change lacks its serviceId or instanceId");
        }
        return new QueuedInstanceChange(json.get("serviceId").textValue(), json.get("instanceId").textValue(),
                json.hasNonNull("attributes") ? OperationEffect.strings(json.get("attributes")) : null);
    }
}
