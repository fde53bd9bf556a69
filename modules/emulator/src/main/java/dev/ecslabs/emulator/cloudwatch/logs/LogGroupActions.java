package dev.ecslabs.emulator.cloudwatch.logs;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceResponse;

/** CloudWatch Logs' log group actions: create, describe, delete, retention and tags. */
public final class LogGroupActions implements ActionGroup {
    /** "Up to 50 tags" per log group (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html). */
    static final int MAX_TAGS = 50;
    private static final int DESCRIBE_LIMIT = 50;

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.LOGS, "CreateLogGroup", CreateLogGroupRequest::builder, this::createLogGroup)
                .add(AwsService.LOGS, "DeleteLogGroup", DeleteLogGroupRequest::builder, this::deleteLogGroup)
                .add(AwsService.LOGS, "DescribeLogGroups", DescribeLogGroupsRequest::builder, this::describeLogGroups)
                .add(AwsService.LOGS, "PutRetentionPolicy", PutRetentionPolicyRequest::builder, this::putRetentionPolicy)
                .add(AwsService.LOGS, "DeleteRetentionPolicy", DeleteRetentionPolicyRequest::builder, this::deleteRetentionPolicy)
                .add(AwsService.LOGS, "TagResource", TagResourceRequest::builder, this::tagResource)
                .add(AwsService.LOGS, "UntagResource", UntagResourceRequest::builder, this::untagResource)
                .add(AwsService.LOGS, "ListTagsForResource", ListTagsForResourceRequest::builder, this::listTagsForResource)
                .add(AwsService.LOGS, "TagLogGroup", TagLogGroupRequest::builder, this::tagLogGroup)
                .add(AwsService.LOGS, "UntagLogGroup", UntagLogGroupRequest::builder, this::untagLogGroup)
                .add(AwsService.LOGS, "ListTagsLogGroup", ListTagsLogGroupRequest::builder, this::listTagsLogGroup);
    }

    CreateLogGroupResponse createLogGroup(RequestContext context, CreateLogGroupRequest request) {
        LogGroups groups = LogGroups.of(context.state());
        if (groups.find(request.logGroupName()).isPresent()) {
            throw new AwsException("ResourceAlreadyExistsException", "The specified log group already exists: '"
                    + request.logGroupName() + "'. Use it as it is, or delete it first with DeleteLogGroup.");
        }
        Map<String, String> tags = request.hasTags() ? request.tags() : Map.of();
        requireTagCount(tags.size());
        groups.put(new LogGroupRecord(request.logGroupName(), context.now().toEpochMilli(), null, request.kmsKeyId(),
                request.logGroupClassAsString() == null ? "STANDARD" : request.logGroupClassAsString(),
                request.deletionProtectionEnabled(), tags));
        return CreateLogGroupResponse.builder().build();
    }

    DeleteLogGroupResponse deleteLogGroup(RequestContext context, DeleteLogGroupRequest request) {
        LogGroups groups = LogGroups.of(context.state());
        LogGroupRecord group = groups.require(request.logGroupName());
        if (Boolean.TRUE.equals(group.deletionProtectionEnabled())) {
            throw new AwsException("ValidationException", "Log group '" + group.name() + "' has deletion protection enabled: "
                    + "turn it off with PutLogGroupDeletionProtection before deleting it.");
        }
        LogStreams.of(context.state()).removeGroup(group.name());
        groups.remove(group.name());
        return DeleteLogGroupResponse.builder().build();
    }

    DescribeLogGroupsResponse describeLogGroups(RequestContext context, DescribeLogGroupsRequest request) {
        String prefix = request.logGroupNamePrefix();
        String pattern = request.logGroupNamePattern();
        List<String> identifiers = request.hasLogGroupIdentifiers() ? request.logGroupIdentifiers() : List.of();
        if (prefix != null && pattern != null) {
            throw LogsErrors.invalidParameter("logGroupNamePrefix and logGroupNamePattern are mutually exclusive: give one of them.");
        }
        if (!identifiers.isEmpty() && (prefix != null || pattern != null)) {
            throw LogsErrors.invalidParameter("logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern.");
        }
        LogGroups groups = LogGroups.of(context.state());
        List<String> named = identifiers.stream().map(groups::nameOf).toList();
        List<LogGroupRecord> matching = new ArrayList<>();
        for (LogGroupRecord group : groups.all()) {
            boolean matches = (prefix == null || group.name().startsWith(prefix))
                    // the pattern matches "any part of the name", ignoring case (API_DescribeLogGroups.html)
                    && (pattern == null || group.name().toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT)))
                    && (named.isEmpty() || named.contains(group.name()))
                    && (request.logGroupClass() == null || request.logGroupClassAsString().equals(group.logGroupClass()));
            if (matches) {
                matching.add(group);
            }
        }
        Pages.Page<LogGroupRecord> page = Pages.page(matching, LogGroupRecord::name, request.nextToken(), request.limit(),
                DESCRIBE_LIMIT, DESCRIBE_LIMIT, "InvalidParameterException");
        LogStreams streams = LogStreams.of(context.state());
        return DescribeLogGroupsResponse.builder()
                .logGroups(page.items().stream().map(group -> describe(groups, streams, group)).toList())
                .nextToken(page.nextToken()).build();
    }

    private static LogGroup describe(LogGroups groups, LogStreams streams, LogGroupRecord group) {
        long storedBytes = 0;
        for (LogStreamRecord stream : streams.of(group.name())) {
            storedBytes += stream.storedBytes();
        }
        String arn = groups.arn(group.name());
        return LogGroup.builder().logGroupName(group.name()).creationTime(group.creationTime())
                .retentionInDays(group.retentionInDays()).metricFilterCount(0).storedBytes(storedBytes)
                .arn(arn + ":*").logGroupArn(arn).kmsKeyId(group.kmsKeyId()).logGroupClass(group.logGroupClass())
                .deletionProtectionEnabled(group.deletionProtectionEnabled()).build();
    }

    PutRetentionPolicyResponse putRetentionPolicy(RequestContext context, PutRetentionPolicyRequest request) {
        LogRetention.requireAllowed(request.retentionInDays());
        LogGroups groups = LogGroups.of(context.state());
        groups.put(groups.require(request.logGroupName()).withRetention(request.retentionInDays()));
        LogRetention.schedule(context.state(), request.logGroupName());
        return PutRetentionPolicyResponse.builder().build();
    }

    DeleteRetentionPolicyResponse deleteRetentionPolicy(RequestContext context, DeleteRetentionPolicyRequest request) {
        LogGroups groups = LogGroups.of(context.state());
        groups.put(groups.require(request.logGroupName()).withRetention(null));
        LogRetention.schedule(context.state(), request.logGroupName());
        return DeleteRetentionPolicyResponse.builder().build();
    }

    TagResourceResponse tagResource(RequestContext context, TagResourceRequest request) {
        tag(context, groupOfArn(context, request.resourceArn()), request.tags());
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(RequestContext context, UntagResourceRequest request) {
        untag(context, groupOfArn(context, request.resourceArn()), request.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(groupOfArn(context, request.resourceArn()).tags()).build();
    }

    TagLogGroupResponse tagLogGroup(RequestContext context, TagLogGroupRequest request) {
        tag(context, LogGroups.of(context.state()).require(request.logGroupName()), request.tags());
        return TagLogGroupResponse.builder().build();
    }

    UntagLogGroupResponse untagLogGroup(RequestContext context, UntagLogGroupRequest request) {
        untag(context, LogGroups.of(context.state()).require(request.logGroupName()), request.tags());
        return UntagLogGroupResponse.builder().build();
    }

    ListTagsLogGroupResponse listTagsLogGroup(RequestContext context, ListTagsLogGroupRequest request) {
        return ListTagsLogGroupResponse.builder().tags(LogGroups.of(context.state()).require(request.logGroupName()).tags()).build();
    }

    /** The log group of a TagResource ARN: {@code arn:aws:logs:<region>:<account>:log-group:<name>}, without {@code :*}. */
    private static LogGroupRecord groupOfArn(RequestContext context, String arn) {
        if (arn.endsWith(":*")) {
            throw LogsErrors.invalidParameter("The resource ARN of a log group for tagging ends with its name, without the ':*' "
                    + "that DescribeLogGroups' arn carries: use its logGroupArn, " + arn.substring(0, arn.length() - 2) + ".");
        }
        LogGroups groups = LogGroups.of(context.state());
        return groups.require(groups.nameOf(arn));
    }

    private static void tag(RequestContext context, LogGroupRecord group, Map<String, String> tags) {
        Map<String, String> merged = new TreeMap<>(group.tags());
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw new AwsException("TooManyTagsException", "A log group can have at most " + MAX_TAGS + " tags; '" + group.name()
                    + "' would have " + merged.size() + ". Remove some with UntagResource first.")
                    .with("resourceName", LogGroups.of(context.state()).arn(group.name()));
        }
        LogGroups.of(context.state()).put(group.withTags(merged));
    }

    private static void untag(RequestContext context, LogGroupRecord group, List<String> keys) {
        Map<String, String> remaining = new TreeMap<>(group.tags());
        keys.forEach(remaining::remove);
        LogGroups.of(context.state()).put(group.withTags(remaining));
    }

    private static void requireTagCount(int count) {
        if (count > MAX_TAGS) {
            throw LogsErrors.invalidParameter("A log group can have at most " + MAX_TAGS + " tags, not " + count + ".");
        }
    }
}
