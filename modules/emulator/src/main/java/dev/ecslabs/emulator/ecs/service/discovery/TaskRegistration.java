package dev.ecslabs.emulator.ecs.service.discovery;

import java.util.Map;

/**
 * Where one task is registered in Cloud Map: the Cloud Map service (its id or ARN) and the
 * attributes of the task's instance there. The instance id is always the task's id.
 */
public record TaskRegistration(String cloudMapService, Map<String, String> attributes) {

    public TaskRegistration {
        attributes = Map.copyOf(attributes);
    }
}
