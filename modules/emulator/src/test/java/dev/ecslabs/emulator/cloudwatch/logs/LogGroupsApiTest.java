package dev.ecslabs.emulator.cloudwatch.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.TooManyTagsException;

/**
 * Log groups and log streams through the SDK: CreateLogGroup, DescribeLogGroups (prefix, pattern,
 * paging), DeleteLogGroup, retention on the clock, tags, and log streams by name or last event time
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html,
 * API_DescribeLogStreams.html, API_PutRetentionPolicy.html, API_TagResource.html).
 */
@EmulatorTest(account = "222233334444")
class LogGroupsApiTest {
    static CloudWatchLogsClient logs;
    static ManualClock clock;

    @Test
    @DisplayName("CreateLogGroup makes a group DescribeLogGroups reports with its ARNs and creation time; a second one of the name is refused")
    void createAndDescribe() {
        logs.createLogGroup(b -> b.logGroupName("/ecs/create"));

        LogGroup group = logs.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/create")).logGroups().get(0);
        assertThat(group.logGroupName()).isEqualTo("/ecs/create");
        assertThat(group.logGroupArn()).isEqualTo("arn:aws:logs:us-east-1:222233334444:log-group:/ecs/create");
        assertThat(group.arn()).isEqualTo(group.logGroupArn() + ":*");
        assertThat(group.creationTime()).isEqualTo(clock.now().toEpochMilli());
        assertThat(group.retentionInDays()).isNull();
        assertThat(group.storedBytes()).isZero();
        assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("/ecs/create")))
                .isInstanceOf(ResourceAlreadyExistsException.class).hasMessageContaining("already exists");
    }

    @Test
    @DisplayName("DescribeLogGroups filters by prefix, or by a pattern anywhere in the name ignoring case, never both, and pages by limit")
    void describeFiltersAndPages() {
        for (String name : List.of("/pages/a", "/pages/b", "/pages/c", "/pages/Web-d", "/other/web")) {
            logs.createLogGroup(b -> b.logGroupName(name));
        }
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePattern("WEB")).logGroups()).extracting(LogGroup::logGroupName)
                .containsExactly("/other/web", "/pages/Web-d");

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeLogGroupsResponse page = logs.describeLogGroups(b -> b.logGroupNamePrefix("/pages/").limit(3).nextToken(next));
            page.logGroups().forEach(g -> paged.add(g.logGroupName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(paged).containsExactly("/pages/Web-d", "/pages/a", "/pages/b", "/pages/c");
        assertThat(pages).isEqualTo(2);
        assertThat(logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix("/pages/").limit(1)).logGroups()).hasSize(4);

        assertThatThrownBy(() -> logs.describeLogGroups(b -> b.logGroupNamePrefix("/pages").logGroupNamePattern("web")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    @DisplayName("DeleteLogGroup removes the group and its streams; deleting it again is ResourceNotFoundException")
    void deleteGroup() {
        logs.createLogGroup(b -> b.logGroupName("/ecs/delete"));
        logs.createLogStream(b -> b.logGroupName("/ecs/delete").logStreamName("s"));
        logs.deleteLogGroup(b -> b.logGroupName("/ecs/delete"));

        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/delete")).logGroups()).isEmpty();
        logs.createLogGroup(b -> b.logGroupName("/ecs/delete"));
        assertThat(logs.describeLogStreams(b -> b.logGroupName("/ecs/delete")).logStreams()).isEmpty();
        logs.deleteLogGroup(b -> b.logGroupName("/ecs/delete"));
        assertThatThrownBy(() -> logs.deleteLogGroup(b -> b.logGroupName("/ecs/delete")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log group does not exist");
    }

    @Test
    @DisplayName("A retention of 1 day deletes each event once it is a day old, on the emulator's clock; only AWS's day counts are accepted")
    void retentionOnTheClock() {
        logs.createLogGroup(b -> b.logGroupName("/ecs/retention"));
        logs.createLogStream(b -> b.logGroupName("/ecs/retention").logStreamName("app"));
        assertThatThrownBy(() -> logs.putRetentionPolicy(b -> b.logGroupName("/ecs/retention").retentionInDays(2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("1, 3, 5, 7");
        logs.putRetentionPolicy(b -> b.logGroupName("/ecs/retention").retentionInDays(1));
        put("/ecs/retention", "app", "first");
        clock.advance(Duration.ofHours(12));
        put("/ecs/retention", "app", "second");

        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(messages("/ecs/retention", "app")).containsExactly("second");
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/retention")).logGroups().get(0).retentionInDays()).isEqualTo(1);

        logs.deleteRetentionPolicy(b -> b.logGroupName("/ecs/retention"));
        clock.advance(Duration.ofDays(3));
        assertThat(messages("/ecs/retention", "app")).containsExactly("second");
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/retention")).logGroups().get(0).retentionInDays()).isNull();
    }

    @Test
    @DisplayName("TagResource, ListTagsForResource and UntagResource work on the logGroupArn; the ARN with ':*' is refused; 50 tags at most")
    void tags() {
        logs.createLogGroup(b -> b.logGroupName("/ecs/tags").tags(Map.of("team", "shop")));
        String arn = logs.describeLogGroups(b -> b.logGroupNamePrefix("/ecs/tags")).logGroups().get(0).logGroupArn();

        logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("env", "lab")));
        assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("team", "shop", "env", "lab"));
        logs.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactlyEntriesOf(Map.of("env", "lab"));

        assertThatThrownBy(() -> logs.listTagsForResource(b -> b.resourceArn(arn + ":*")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("without the ':*'");
        assertThatThrownBy(() -> logs.listTagsForResource(b -> b.resourceArn(arn + "-gone")))
                .isInstanceOf(ResourceNotFoundException.class);
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> logs.tagResource(b -> b.resourceArn(arn).tags(many))).isInstanceOf(TooManyTagsException.class);
    }

    @Test
    @DisplayName("DescribeLogStreams orders by name, or by last event time (descending too), pages, and refuses a prefix with LastEventTime")
    void streams() {
        logs.createLogGroup(b -> b.logGroupName("/ecs/streams"));
        for (String name : List.of("b", "a", "c")) {
            logs.createLogStream(b -> b.logGroupName("/ecs/streams").logStreamName(name));
        }
        assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("/ecs/streams").logStreamName("a")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("/ecs/none").logStreamName("a")))
                .isInstanceOf(ResourceNotFoundException.class);
        put("/ecs/streams", "c", "one");
        clock.advance(Duration.ofSeconds(1));
        put("/ecs/streams", "a", "two");
        clock.advance(Duration.ofSeconds(1));
        put("/ecs/streams", "b", "three");

        assertThat(logs.describeLogStreams(b -> b.logGroupName("/ecs/streams")).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("a", "b", "c");
        assertThat(logs.describeLogStreams(b -> b.logGroupName("/ecs/streams").orderBy(OrderBy.LAST_EVENT_TIME).descending(true))
                .logStreams()).extracting(LogStream::logStreamName).containsExactly("b", "a", "c");
        assertThat(logs.describeLogStreamsPaginator(b -> b.logGroupName("/ecs/streams").orderBy(OrderBy.LAST_EVENT_TIME).limit(1))
                .logStreams()).extracting(LogStream::logStreamName).containsExactly("c", "a", "b");
        LogStream c = logs.describeLogStreams(b -> b.logGroupName("/ecs/streams").logStreamNamePrefix("c")).logStreams().get(0);
        assertThat(c.firstEventTimestamp()).isEqualTo(c.lastEventTimestamp()).isNotNull();
        assertThat(c.storedBytes()).isEqualTo(3);
        assertThat(c.arn()).isEqualTo("arn:aws:logs:us-east-1:222233334444:log-group:/ecs/streams:log-stream:c");
        assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("/ecs/streams").logStreamNamePrefix("a")
                .orderBy(OrderBy.LAST_EVENT_TIME))).isInstanceOf(InvalidParameterException.class);

        logs.deleteLogStream(b -> b.logGroupName("/ecs/streams").logStreamName("a"));
        assertThatThrownBy(() -> logs.deleteLogStream(b -> b.logGroupName("/ecs/streams").logStreamName("a")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log stream does not exist");
    }

    private static void put(String group, String stream, String message) {
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream)
                .logEvents(InputLogEvent.builder().timestamp(clock.now().toEpochMilli()).message(message).build()));
    }

    private static List<String> messages(String group, String stream) {
        return logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true)).events().stream()
                .map(e -> e.message()).toList();
    }
}
