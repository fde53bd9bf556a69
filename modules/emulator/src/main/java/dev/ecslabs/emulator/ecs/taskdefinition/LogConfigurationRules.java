package dev.ecslabs.emulator.ecs.taskdefinition;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * The options the awslogs log driver needs wherever it runs: the Region and the log group its
 * log streams go to; on Fargate also a stream prefix
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html).
 */
final class LogConfigurationRules {
    static final String REGION = "awslogs-region";
    static final String GROUP = "awslogs-group";
    static final String STREAM_PREFIX = "awslogs-stream-prefix";

    private LogConfigurationRules() {
    }

    static void check(List<ContainerDefinition> containers) {
        for (ContainerDefinition container : containers) {
            LogConfiguration logs = container.logConfiguration();
            if (usesAwslogs(container)) {
                List<String> missing = missing(logs.options(), REGION, GROUP);
                if (!missing.isEmpty()) {
                    throw EcsErrors.client("Log driver awslogs requires options: " + String.join(", ", missing)
                            + ". Container '" + container.name() + "' is missing them.");
                }
            }
        }
    }

    static boolean usesAwslogs(ContainerDefinition container) {
        return container.logConfiguration() != null && container.logConfiguration().logDriver() == LogDriver.AWSLOGS;
    }

    /** The options of {@code required} that {@code options} lacks or leaves blank, in order. */
    static List<String> missing(Map<String, String> options, String... required) {
        List<String> missing = new ArrayList<>();
        for (String option : required) {
            String value = options.get(option);
            if (value == null || value.isBlank()) {
                missing.add(option);
            }
        }
        return missing;
    }
}
