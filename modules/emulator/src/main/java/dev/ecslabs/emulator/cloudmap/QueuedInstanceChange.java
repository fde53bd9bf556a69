package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registration or deregistration the rest of the emulator asked for ({@link CloudMap}) while
 * another change to the same instance was in progress: it waits for that operation and is then
 * submitted. Kept as data, so that it survives a restart with the operation it waits for (saved as
 * {@code {"serviceId", "instanceId", "attributes"}}).
 *
 * @param attributes the instance's attributes for a registration; {@code null} for a deregistration
 */
record QueuedInstanceChange(@JsonProperty("serviceId") String serviceIdOrArn, String instanceId, Map<String, String> attributes) {

    QueuedInstanceChange {
        if (serviceIdOrArn == null || instanceId == null) {
            throw new IllegalArgumentException("a queued instance change lacks its serviceId or instanceId");
        }
        attributes = attributes == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

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
}
