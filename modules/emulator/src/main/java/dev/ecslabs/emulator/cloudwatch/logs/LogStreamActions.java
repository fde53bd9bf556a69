package dev.ecslabs.emulator.cloudwatch.logs;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;

/** CloudWatch Logs' log stream actions: create, describe (by name or by last event time), delete. */
public final class LogStreamActions implements ActionGroup {
    private static final int DESCRIBE_LIMIT = 50;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.LOGS, "CreateLogStream", CreateLogStreamRequest::builder, this::createLogStream)
                .add(AwsService.LOGS, "DeleteLogStream", DeleteLogStreamRequest::builder, this::deleteLogStream)
                .add(AwsService.LOGS, "DescribeLogStreams", DescribeLogStreamsRequest::builder, this::describeLogStreams);
    }

    CreateLogStreamResponse createLogStream(RequestContext context, CreateLogStreamRequest request) {
        LogGroupRecord group = LogGroups.of(context.state()).require(request.logGroupName());
        LogStreams streams = LogStreams.of(context.state());
        if (streams.find(group.name(), request.logStreamName()).isPresent()) {
            throw new AwsException("ResourceAlreadyExistsException", "The specified log stream already exists: '"
                    + request.logStreamName() + "' in log group '" + group.name() + "'.");
        }
        streams.add(new LogStreamRecord(group.name(), request.logStreamName(), context.now().toEpochMilli()));
        return CreateLogStreamResponse.builder().build();
    }

    DeleteLogStreamResponse deleteLogStream(RequestContext context, DeleteLogStreamRequest request) {
        LogGroupRecord group = LogGroups.of(context.state()).require(request.logGroupName());
        LogStreams streams = LogStreams.of(context.state());
        streams.require(group.name(), request.logStreamName());
        streams.remove(group.name(), request.logStreamName());
        LogRetention.schedule(context.state(), group.name());
        return DeleteLogStreamResponse.builder().build();
    }

    /**
     * Sorted by name (the default) or by the time of the last event, either way ascending unless
     * {@code descending}; AWS refuses a name prefix with LastEventTime order
     * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html).
     */
    DescribeLogStreamsResponse describeLogStreams(RequestContext context, DescribeLogStreamsRequest request) {
        LogGroups groups = LogGroups.of(context.state());
        LogGroupRecord group = groups.require(request.logGroupName(), request.logGroupIdentifier());
        boolean byTime = request.orderBy() == OrderBy.LAST_EVENT_TIME;
        if (byTime && request.logStreamNamePrefix() != null) {
            throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix: "
                    + "order by LogStreamName to use a prefix, or leave the prefix out.");
        }
        List<LogStreamRecord> matching = new ArrayList<>();
        for (LogStreamRecord stream : LogStreams.of(context.state()).of(group.name())) {
            if (request.logStreamNamePrefix() == null || stream.name().startsWith(request.logStreamNamePrefix())) {
                matching.add(stream);
            }
        }
        Comparator<String> order = Comparator.naturalOrder();
        if (Boolean.TRUE.equals(request.descending())) {
            order = order.reversed();
        }
        java.util.function.Function<LogStreamRecord, String> key = byTime
                ? stream -> String.format("%020d:%s", stream.lastEventTimestamp() == null ? 0 : stream.lastEventTimestamp(), stream.name())
                : LogStreamRecord::name;
        Cursor.Page<LogStreamRecord> page = Cursor.page(matching, key, order, request.nextToken(), request.limit(), DESCRIBE_LIMIT);
        String arnPrefix = groups.arn(group.name()) + ":log-stream:";
        return DescribeLogStreamsResponse.builder()
                .logStreams(page.items().stream().map(stream -> LogStream.builder().logStreamName(stream.name())
                        .creationTime(stream.creationTime()).firstEventTimestamp(stream.firstEventTimestamp())
                        .lastEventTimestamp(stream.lastEventTimestamp()).lastIngestionTime(stream.lastIngestionTime())
                        .storedBytes(stream.storedBytes()).arn(arnPrefix + stream.name()).build()).toList())
                .nextToken(page.nextToken()).build();
    }
}
