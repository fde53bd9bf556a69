package dev.ecslabs.rolesandlogs;

import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/** Sending a container's output to CloudWatch Logs with the awslogs log driver. */
public final class AppLogs {
    /** The first part of every log stream's name: {@code app/<container name>/<task id>}. */
    public static final String STREAM_PREFIX = "app";

    private AppLogs() {
    }

    /** Exercise 09.3: the app's log group, its events kept retentionDays; answers the group's ARN (without a trailing ":*"). */
    public static String createLogGroup(CloudWatchLogsClient logs, String logGroupName, int retentionDays) {
        logs.createLogGroup(r -> r.logGroupName(logGroupName));
        logs.putRetentionPolicy(r -> r.logGroupName(logGroupName).retentionInDays(retentionDays));
        return logs.describeLogGroups(r -> r.logGroupNamePrefix(logGroupName)).logGroups().stream()
                .filter(group -> group.logGroupName().equals(logGroupName))
                .findFirst().orElseThrow().logGroupArn();
    }

    /** Exercise 09.3: the container, its output sent by the awslogs driver to the group, in streams prefixed STREAM_PREFIX. */
    public static ContainerDefinition withAwsLogs(ContainerDefinition container, String logGroupName, String region) {
        return container.toBuilder()
                .logConfiguration(log -> log.logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", logGroupName,
                        "awslogs-region", region,
                        "awslogs-stream-prefix", STREAM_PREFIX)))
                .build();
    }
}
