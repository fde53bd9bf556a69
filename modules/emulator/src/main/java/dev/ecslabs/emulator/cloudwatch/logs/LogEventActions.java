package dev.ecslabs.emulator.cloudwatch.logs;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

/** CloudWatch Logs' log event actions: PutLogEvents, GetLogEvents and FilterLogEvents. */
public final class LogEventActions implements ActionGroup {
    /** GetLogEvents and FilterLogEvents return "up to 1 MB (up to 10,000 log events)" a page. */
    private static final int EVENTS_LIMIT = 10_000;
    private static final long PAGE_BYTES = 1_048_576;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.LOGS, "PutLogEvents", PutLogEventsRequest::builder, this::putLogEvents)
                .add(AwsService.LOGS, "GetLogEvents", GetLogEventsRequest::builder, this::getLogEvents)
                .add(AwsService.LOGS, "FilterLogEvents", FilterLogEventsRequest::builder, this::filterLogEvents);
    }

    /** The sequence token is ignored, as AWS now does; a new one is still answered for old clients. */
    PutLogEventsResponse putLogEvents(RequestContext context, PutLogEventsRequest request) {
        LogGroupRecord group = LogGroups.of(context.state()).require(request.logGroupName());
        LogStreamRecord stream = LogStreams.of(context.state()).require(group.name(), request.logStreamName());
        List<LogIngestion.Input> batch = request.logEvents().stream()
                .map(event -> new LogIngestion.Input(event.timestamp(), event.message())).toList();
        LogIngestion.Rejected rejected = LogIngestion.put(context.state(), group, stream, batch);
        PutLogEventsResponse.Builder response = PutLogEventsResponse.builder()
                .nextSequenceToken(UUID.randomUUID().toString().replace("-", ""));
        if (rejected.any()) {
            response.rejectedLogEventsInfo(RejectedLogEventsInfo.builder().tooOldLogEventEndIndex(rejected.tooOldEndIndex())
                    .expiredLogEventEndIndex(rejected.expiredEndIndex()).tooNewLogEventStartIndex(rejected.tooNewStartIndex()).build());
        }
        return response.build();
    }

    /**
     * One page of a stream's events, oldest first. Without a token: the newest page, or the oldest
     * with {@code startFromHead}. The answer's tokens lead forward and backward from the page; at the
     * end in a direction, that direction's token comes back unchanged, which is how a reader knows
     * it has caught up (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html).
     */
    GetLogEventsResponse getLogEvents(RequestContext context, GetLogEventsRequest request) {
        LogGroupRecord group = LogGroups.of(context.state()).require(request.logGroupName(), request.logGroupIdentifier());
        LogStreamRecord stream = LogStreams.of(context.state()).require(group.name(), request.logStreamName());
        long start = request.startTime() == null ? Long.MIN_VALUE : request.startTime();
        long end = request.endTime() == null ? Long.MAX_VALUE : request.endTime();
        List<LogEvent> inRange = new ArrayList<>();
        for (LogEvent event : stream.events()) {
            // startTime is inclusive, endTime exclusive for GetLogEvents
            if (event.timestamp() >= start && event.timestamp() < end) {
                inRange.add(event);
            }
        }
        int limit = request.limit() == null ? EVENTS_LIMIT : request.limit();
        StreamToken token = request.nextToken() == null ? null : StreamToken.parse(request.nextToken());
        boolean forward = token != null ? token.forward() : Boolean.TRUE.equals(request.startFromHead());
        List<LogEvent> candidates = new ArrayList<>();
        for (LogEvent event : inRange) {
            if (token == null || (token.forward() ? token.precedes(event) : !token.precedes(event))) {
                candidates.add(event);
            }
        }
        List<LogEvent> page = forward ? head(candidates, limit) : tail(candidates, limit);
        StreamToken next;
        StreamToken previous;
        if (page.isEmpty()) {
            StreamToken at = token != null ? token : StreamToken.START;
            next = at.asForward();
            previous = at.asBackward();
        } else {
            next = StreamToken.after(page.get(page.size() - 1));
            previous = StreamToken.before(page.get(0));
        }
        return GetLogEventsResponse.builder()
                .events(page.stream().map(event -> OutputLogEvent.builder().timestamp(event.timestamp()).message(event.message())
                        .ingestionTime(event.ingestionTime()).build()).toList())
                .nextForwardToken(next.toString()).nextBackwardToken(previous.toString()).build();
    }

    private static List<LogEvent> head(List<LogEvent> events, int limit) {
        long bytes = 0;
        int end = 0;
        while (end < events.size() && end < limit && (bytes += LogEvent.batchBytes(events.get(end).message())) <= PAGE_BYTES) {
            end++;
        }
        return events.subList(0, end);
    }

    private static List<LogEvent> tail(List<LogEvent> events, int limit) {
        long bytes = 0;
        int start = events.size();
        while (start > 0 && events.size() - start < limit && (bytes += LogEvent.batchBytes(events.get(start - 1).message())) <= PAGE_BYTES) {
            start--;
        }
        return events.subList(start, events.size());
    }

    /**
     * The events of a group's streams (all, those named, or those with a prefix) that match the
     * filter pattern, interleaved by time across streams, a page at a time. Both times are inclusive.
     */
    FilterLogEventsResponse filterLogEvents(RequestContext context, FilterLogEventsRequest request) {
        LogGroupRecord group = LogGroups.of(context.state()).require(request.logGroupName(), request.logGroupIdentifier());
        List<String> names = request.hasLogStreamNames() ? request.logStreamNames() : List.of();
        if (!names.isEmpty() && request.logStreamNamePrefix() != null) {
            throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix cannot both be given: choose one.");
        }
        FilterPattern pattern = FilterPattern.parse(request.filterPattern());
        long start = request.startTime() == null ? Long.MIN_VALUE : request.startTime();
        long end = request.endTime() == null ? Long.MAX_VALUE : request.endTime();
        record Found(String stream, LogEvent event) {
        }
        List<Found> found = new ArrayList<>();
        for (LogStreamRecord stream : LogStreams.of(context.state()).of(group.name())) {
            boolean chosen = names.isEmpty() ? request.logStreamNamePrefix() == null || stream.name().startsWith(request.logStreamNamePrefix())
                    : names.contains(stream.name());
            if (!chosen) {
                continue;
            }
            for (LogEvent event : stream.events()) {
                if (event.timestamp() >= start && event.timestamp() <= end && pattern.matches(event.message())) {
                    found.add(new Found(stream.name(), event));
                }
            }
        }
        found.sort((a, b) -> LogEvent.ORDER.compare(a.event(), b.event()));
        Pages.Page<Found> page = Pages.page(found, f -> f.event().eventId(), request.nextToken(), request.limit(),
                EVENTS_LIMIT, EVENTS_LIMIT, "InvalidParameterException");
        return FilterLogEventsResponse.builder()
                .events(page.items().stream().map(f -> FilteredLogEvent.builder().logStreamName(f.stream())
                        .timestamp(f.event().timestamp()).message(f.event().message())
                        .ingestionTime(f.event().ingestionTime()).eventId(f.event().eventId()).build()).toList())
                .nextToken(page.nextToken()).build();
    }
}
