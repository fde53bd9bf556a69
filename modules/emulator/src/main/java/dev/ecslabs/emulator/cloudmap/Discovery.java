package dev.ecslabs.emulator.cloudmap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;

/**
 * Which instances DiscoverInstances returns
 * (https://docs.aws.amazon.com/cloud-map/latest/api/API_DiscoverInstances.html): those matching
 * every QueryParameter, filtered by health when the service has a health check, narrowed to those
 * also matching the OptionalParameters when any do, in random order.
 */
final class Discovery {
    private Discovery() {
    }

    static List<InstanceRecord> discover(CloudMapServiceRecord service, Map<String, String> queryParameters,
                                         Map<String, String> optionalParameters, HealthStatusFilter healthStatus,
                                         int maxResults) {
        List<InstanceRecord> matching = new ArrayList<>();
        for (InstanceRecord instance : service.instances()) {
            if (matchesAll(instance, queryParameters)) {
                matching.add(instance);
            }
        }
        if (service.hasHealthCheck()) {
            matching = byHealth(matching, healthStatus == null ? HealthStatusFilter.HEALTHY : healthStatus);
        }
        if (!optionalParameters.isEmpty()) {
            List<InstanceRecord> preferred = matching.stream().filter(i -> matchesAll(i, optionalParameters)).toList();
            if (!preferred.isEmpty()) {
                matching = new ArrayList<>(preferred);
            }
        }
        Collections.shuffle(matching, ThreadLocalRandom.current());
        return matching.size() > maxResults ? matching.subList(0, maxResults) : matching;
    }

    /** HEALTHY_OR_ELSE_ALL "returns healthy instances, unless none are reporting a healthy state", failing open. */
    static List<InstanceRecord> byHealth(List<InstanceRecord> instances, HealthStatusFilter filter) {
        List<InstanceRecord> healthy = instances.stream().filter(i -> i.health() == HealthStatus.HEALTHY).toList();
        return new ArrayList<>(switch (filter) {
            case HEALTHY -> healthy;
            case UNHEALTHY -> instances.stream().filter(i -> i.health() == HealthStatus.UNHEALTHY).toList();
            case HEALTHY_OR_ELSE_ALL -> healthy.isEmpty() ? instances : healthy;
            default -> instances;
        });
    }

    private static boolean matchesAll(InstanceRecord instance, Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!parameter.getValue().equals(instance.attribute(parameter.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
