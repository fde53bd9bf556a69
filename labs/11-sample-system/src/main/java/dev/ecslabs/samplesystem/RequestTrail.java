package dev.ecslabs.samplesystem;

import dev.ecslabs.labkit.NotDoneYet;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/** One request followed through the three apps' logs by the id each app writes with it. */
public final class RequestTrail {
    private RequestTrail() {
    }

    /**
     * The log events of the three log groups that contain {@code requestId} (a quoted term of a filter pattern: the exact
     * words, dashes and all), however many pages, oldest first.
     */
    public static List<FilteredLogEvent> follow(CloudWatchLogsClient logs, Shop shop, String requestId) {
        // TODO: answer the events of the 3 log groups that contain requestId, all pages, oldest first
        throw new NotDoneYet();
    }
}
