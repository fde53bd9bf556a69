package dev.ecslabs.rolesandlogs;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** Reading what a task wrote: one task's stream, page by page, and the lines of every task that match a pattern. */
public final class LogEvents {
    private LogEvents() {
    }

    /** Exercise 09.4: the stream the awslogs driver writes a container of a task to. */
    public static String streamName(String streamPrefix, String containerName, String taskArn) {
        // TODO: return prefix/container-name/task-id, the task id being the last part of the task's ARN
        throw new NotDoneYet();
    }

    /** Exercise 09.4: every message of the stream, oldest first, read pageSize events at a time. */
    public static List<String> readStream(CloudWatchLogsClient logs, String logGroupName, String logStreamName, int pageSize) {
        // TODO: read the stream from its start, pageSize events a page, following the forward token until it comes back unchanged
        throw new NotDoneYet();
    }

    /** Exercise 09.4: the messages of all the group's streams that match the filter pattern, oldest first. */
    public static List<String> find(CloudWatchLogsClient logs, String logGroupName, String filterPattern) {
        // TODO: return the message of every event of the group that matches filterPattern, from every page
        throw new NotDoneYet();
    }
}
