package dev.ecslabs.rolesandlogs;

import dev.ecslabs.labkit.NotDoneYet;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** Sending a container's output to CloudWatch Logs with the awslogs log driver. */
public final class AppLogs {
    /** The first part of every log stream's name: {@code app/<container name>/<task id>}. */
    public static final String STREAM_PREFIX = "app";

    private AppLogs() {
    }

    /** Exercise 09.3: the app's log group, its events kept retentionDays; answers the group's ARN (without a trailing ":*"). */
    public static String createLogGroup(CloudWatchLogsClient logs, String logGroupName, int retentionDays) {
        // TODO: create the log group, set its retention to retentionDays, and return its ARN as DescribeLogGroups gives it in logGroupArn
        throw new NotDoneYet();
    }

    /** Exercise 09.3: the container, its output sent by the awslogs driver to the group, in streams prefixed STREAM_PREFIX. */
    public static ContainerDefinition withAwsLogs(ContainerDefinition container, String logGroupName, String region) {
        // TODO: return a copy of the container whose log configuration uses the awslogs driver with this group, Region and STREAM_PREFIX
        throw new NotDoneYet();
    }
}
