package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;

/**
 * The bounds of a container {@code healthCheck}: a command that starts with CMD or CMD-SHELL,
 * interval 5-300 s, timeout 2-60 s, retries 1-10 and startPeriod 0-300 s
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html), and the
 * defaults ECS fills in for the ones left out: interval 30, timeout 5, retries 3.
 */
final class HealthCheckRules {
    static final int DEFAULT_INTERVAL = 30;
    static final int DEFAULT_TIMEOUT = 5;
    static final int DEFAULT_RETRIES = 3;

    private HealthCheckRules() {
    }

    static void check(List<ContainerDefinition> containers) {
        for (ContainerDefinition container : containers) {
            if (container.healthCheck() != null) {
                check(container.name(), container.healthCheck());
            }
        }
    }

    /** The health check as ECS stores it, with its defaults. */
    static HealthCheck withDefaults(HealthCheck healthCheck) {
        HealthCheck.Builder filled = healthCheck.toBuilder();
        if (healthCheck.interval() == null) {
            filled.interval(DEFAULT_INTERVAL);
        }
        if (healthCheck.timeout() == null) {
            filled.timeout(DEFAULT_TIMEOUT);
        }
        if (healthCheck.retries() == null) {
            filled.retries(DEFAULT_RETRIES);
        }
        return filled.build();
    }

    private static void check(String container, HealthCheck healthCheck) {
        List<String> command = healthCheck.command();
        if (command.isEmpty() || !("CMD".equals(command.get(0)) || "CMD-SHELL".equals(command.get(0)))) {
            throw EcsErrors.client("Invalid healthCheck for container '" + container + "': the command must start with CMD "
                    + "(run the arguments directly) or CMD-SHELL (run them with the container's shell), for example "
                    + "[\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"].");
        }
        checkBounds(container, "interval", healthCheck.interval(), 5, 300, " seconds");
        checkBounds(container, "timeout", healthCheck.timeout(), 2, 60, " seconds");
        checkBounds(container, "retries", healthCheck.retries(), 1, 10, "");
        checkBounds(container, "startPeriod", healthCheck.startPeriod(), 0, 300, " seconds");
    }

    private static void checkBounds(String container, String member, Integer value, int min, int max, String unit) {
        if (value != null && (value < min || value > max)) {
            throw EcsErrors.client("Invalid healthCheck for container '" + container + "': " + member + " must be between "
                    + min + " and " + max + unit + ", not " + value + ".");
        }
    }
}
