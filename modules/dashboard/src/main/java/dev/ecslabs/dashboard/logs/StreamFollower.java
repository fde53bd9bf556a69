package dev.ecslabs.dashboard.logs;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Follows one log stream as a reader of CloudWatch Logs does: GetLogEvents from the head, then
 * again with each answer's {@code nextForwardToken}; an answer that hands the same token back has
 * caught up (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html).
 */
public final class StreamFollower {
    private final CloudWatchLogsClient logs;
    private final TaskLogs.ContainerStream stream;
    private String token;

    public StreamFollower(CloudWatchLogsClient logs, TaskLogs.ContainerStream stream) {
        this.logs = logs;
        this.stream = stream;
    }

    public TaskLogs.ContainerStream stream() {
        return stream;
    }

    /** The events that arrived since the last call (every event on the first); none while the stream does not exist yet. */
    public List<OutputLogEvent> next() {
        List<OutputLogEvent> all = new java.util.ArrayList<>();
        try {
            while (true) {
                String from = token;
                GetLogEventsResponse page = logs.getLogEvents(b -> b.logGroupName(stream.group()).logStreamName(stream.stream())
                        .startFromHead(true).nextToken(from));
                all.addAll(page.events());
                boolean caughtUp = page.nextForwardToken() == null || page.nextForwardToken().equals(from) || page.events().isEmpty();
                token = page.nextForwardToken();
                if (caughtUp) {
                    return all;
                }
            }
        } catch (ResourceNotFoundException notYet) {
            return all; // the driver creates the stream when the container starts
        }
    }
}
