package dev.ecslabs.rolesandlogs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** Reading what a task wrote: one task's stream, page by page, and the lines of every task that match a pattern. */
public final class LogEvents {
    private LogEvents() {
    }

    /** Exercise 09.4: the stream the awslogs driver writes a container of a task to. */
    public static String streamName(String streamPrefix, String containerName, String taskArn) {
        return streamPrefix + "/" + containerName + "/" + taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** Exercise 09.4: every message of the stream, oldest first, read pageSize events at a time. */
    public static List<String> readStream(CloudWatchLogsClient logs, String logGroupName, String logStreamName, int pageSize) {
        List<String> messages = new ArrayList<>();
        String token = null;
        while (true) {
            String sent = token;
            GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName(logGroupName).logStreamName(logStreamName)
                    .startFromHead(true).limit(pageSize).nextToken(sent));
            page.events().stream().map(OutputLogEvent::message).forEach(messages::add);
            // At the end of the stream the forward token comes back as it was sent: nothing more for now.
            if (page.nextForwardToken() == null || page.nextForwardToken().equals(sent)) {
                return messages;
            }
            token = page.nextForwardToken();
        }
    }

    /** Exercise 09.4: the messages of all the group's streams that match the filter pattern, oldest first. */
    public static List<String> find(CloudWatchLogsClient logs, String logGroupName, String filterPattern) {
        return logs.filterLogEventsPaginator(r -> r.logGroupName(logGroupName).filterPattern(filterPattern)).events()
                .stream().map(FilteredLogEvent::message).toList();
    }
}
