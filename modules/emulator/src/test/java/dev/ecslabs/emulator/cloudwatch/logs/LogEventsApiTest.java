package dev.ecslabs.emulator.cloudwatch.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * PutLogEvents' rules, GetLogEvents' tokens and FilterLogEvents' patterns through the SDK
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html,
 * API_GetLogEvents.html, API_FilterLogEvents.html; patterns:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
 */
@EmulatorTest
class LogEventsApiTest {
    static CloudWatchLogsClient logs;
    static ManualClock clock;

    @BeforeAll
    static void groups() {
        for (String group : List.of("/put", "/get", "/filter")) {
            logs.createLogGroup(b -> b.logGroupName(group));
        }
    }

    @Test
    @DisplayName("PutLogEvents stores what is valid and reports the too old (over 14 days), too new (over 2 hours ahead) and expired (older than the retention) by index")
    void rejectedEvents() {
        logs.createLogStream(b -> b.logGroupName("/put").logStreamName("rejects"));
        long now = clock.now().toEpochMilli();
        PutLogEventsResponse answer = logs.putLogEvents(b -> b.logGroupName("/put").logStreamName("rejects").logEvents(
                event(now - Duration.ofDays(15).toMillis(), "ancient"),
                event(now - Duration.ofDays(14).toMillis() - 1, "too old too"),
                event(now - 1000, "kept 1"),
                event(now, "kept 2"),
                event(now + Duration.ofHours(2).toMillis() + 1, "future")));

        assertThat(answer.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
        assertThat(answer.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(4);
        assertThat(answer.rejectedLogEventsInfo().expiredLogEventEndIndex()).isNull();
        assertThat(messages("/put", "rejects")).containsExactly("kept 1", "kept 2");

        logs.createLogGroup(b -> b.logGroupName("/put/retained"));
        logs.putRetentionPolicy(b -> b.logGroupName("/put/retained").retentionInDays(1));
        logs.createLogStream(b -> b.logGroupName("/put/retained").logStreamName("s"));
        PutLogEventsResponse expired = logs.putLogEvents(b -> b.logGroupName("/put/retained").logStreamName("s").logEvents(
                event(now - Duration.ofDays(2).toMillis(), "past retention"), event(now, "fresh")));
        assertThat(expired.rejectedLogEventsInfo().expiredLogEventEndIndex()).isZero();
        assertThat(messages("/put/retained", "s")).containsExactly("fresh");
    }

    @Test
    @DisplayName("PutLogEvents refuses, storing nothing, a batch out of time order, one spanning over 24 hours, one over 1,048,576 bytes, and a missing stream")
    void refusedBatches() {
        logs.createLogStream(b -> b.logGroupName("/put").logStreamName("refused"));
        long now = clock.now().toEpochMilli();
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("/put").logStreamName("refused")
                .logEvents(event(now, "second"), event(now - 1, "first"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("chronological order");
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("/put").logStreamName("refused")
                .logEvents(event(now - Duration.ofHours(25).toMillis(), "a"), event(now, "b"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("24 hours");
        String big = "x".repeat(600_000);
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("/put").logStreamName("refused")
                .logEvents(event(now, big), event(now, big))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("1048576");
        assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("/put").logStreamName("nope").logEvents(event(now, "x"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log stream does not exist");
        assertThat(messages("/put", "refused")).isEmpty();
    }

    @Test
    @DisplayName("GetLogEvents from the head pages forward; at the end the forward token comes back unchanged, and a later event is read with it")
    void forwardTokens() {
        logs.createLogStream(b -> b.logGroupName("/get").logStreamName("forward"));
        putAll("/get", "forward", "e1", "e2", "e3", "e4", "e5");

        GetLogEventsResponse first = logs.getLogEvents(b -> b.logGroupName("/get").logStreamName("forward").startFromHead(true).limit(2));
        assertThat(first.events()).extracting(OutputLogEvent::message).containsExactly("e1", "e2");
        GetLogEventsResponse second = next("forward", first.nextForwardToken());
        GetLogEventsResponse third = next("forward", second.nextForwardToken());
        GetLogEventsResponse end = next("forward", third.nextForwardToken());
        assertThat(second.events()).extracting(OutputLogEvent::message).containsExactly("e3", "e4");
        assertThat(third.events()).extracting(OutputLogEvent::message).containsExactly("e5");
        assertThat(end.events()).isEmpty();
        assertThat(end.nextForwardToken()).isEqualTo(third.nextForwardToken()).startsWith("f/");

        putAll("/get", "forward", "e6");
        assertThat(next("forward", end.nextForwardToken()).events()).extracting(OutputLogEvent::message).containsExactly("e6");
        assertThat(third.events().get(0).ingestionTime()).isEqualTo(third.events().get(0).timestamp());
    }

    @Test
    @DisplayName("GetLogEvents without startFromHead answers the newest events; its backward token pages to older ones and repeats at the start")
    void backwardTokens() {
        logs.createLogStream(b -> b.logGroupName("/get").logStreamName("backward"));
        putAll("/get", "backward", "e1", "e2", "e3", "e4", "e5");

        GetLogEventsResponse newest = logs.getLogEvents(b -> b.logGroupName("/get").logStreamName("backward").limit(2));
        assertThat(newest.events()).extracting(OutputLogEvent::message).containsExactly("e4", "e5");
        GetLogEventsResponse older = next("backward", newest.nextBackwardToken());
        GetLogEventsResponse oldest = next("backward", older.nextBackwardToken());
        GetLogEventsResponse start = next("backward", oldest.nextBackwardToken());
        assertThat(older.events()).extracting(OutputLogEvent::message).containsExactly("e2", "e3");
        assertThat(oldest.events()).extracting(OutputLogEvent::message).containsExactly("e1");
        assertThat(start.events()).isEmpty();
        assertThat(start.nextBackwardToken()).isEqualTo(oldest.nextBackwardToken()).startsWith("b/");
        assertThat(next("backward", older.nextForwardToken()).events()).extracting(OutputLogEvent::message).containsExactly("e4", "e5");

        long t3 = older.events().get(1).timestamp();
        assertThat(logs.getLogEvents(b -> b.logGroupName("/get").logStreamName("backward").startFromHead(true)
                .startTime(t3).endTime(t3 + 2000)).events()).extracting(OutputLogEvent::message).containsExactly("e3", "e4");
        assertThatThrownBy(() -> next("backward", "f/not-a-token")).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    @DisplayName("FilterLogEvents matches terms, quoted phrases, ?alternatives, -exclusions, %regex% and JSON conditions, interleaved across streams")
    void filterPatterns() {
        logs.createLogStream(b -> b.logGroupName("/filter").logStreamName("web"));
        logs.createLogStream(b -> b.logGroupName("/filter").logStreamName("worker"));
        put("/filter", "web", "ERROR payment failed for order 7");
        put("/filter", "worker", "WARN queue is slow");
        put("/filter", "web", "INFO request served in 12 ms");
        put("/filter", "worker", "{\"level\":\"ERROR\",\"latency\":250,\"user\":{\"id\":\"u-1\"},\"retry\":true}");
        put("/filter", "web", "{\"level\":\"INFO\",\"latency\":20,\"user\":{\"id\":\"u-2\"},\"retry\":false}");
        put("/filter", "worker", "ERROR Exiting after shutdown");

        assertThat(filter("")).hasSize(6);
        assertThat(filter("ERROR")).containsExactly("ERROR payment failed for order 7",
                "{\"level\":\"ERROR\",\"latency\":250,\"user\":{\"id\":\"u-1\"},\"retry\":true}", "ERROR Exiting after shutdown");
        assertThat(filter("ERROR -Exiting")).hasSize(2).noneMatch(m -> m.contains("Exiting"));
        assertThat(filter("ERROR payment")).containsExactly("ERROR payment failed for order 7");
        assertThat(filter("\"queue is slow\"")).containsExactly("WARN queue is slow");
        assertThat(filter("\"is queue slow\"")).isEmpty();
        assertThat(filter("?WARN ?payment")).containsExactly("ERROR payment failed for order 7", "WARN queue is slow");
        assertThat(filter("error")).as("terms are case-sensitive").isEmpty();
        assertThat(filter("%served in [0-9]+ ms%")).containsExactly("INFO request served in 12 ms");
        assertThat(filter("{ $.level = \"ERROR\" }")).hasSize(1).allMatch(m -> m.contains("u-1"));
        assertThat(filter("{ $.latency > 100 }")).hasSize(1).allMatch(m -> m.contains("u-1"));
        assertThat(filter("{ $.latency >= 20 && $.user.id = u-* }")).hasSize(2);
        assertThat(filter("{ ($.level = INFO || $.retry IS TRUE) && $.user.id != \"u-2\" }")).hasSize(1).allMatch(m -> m.contains("u-1"));
        assertThat(filter("{ $.missing NOT EXISTS && $.retry IS FALSE }")).hasSize(1).allMatch(m -> m.contains("u-2"));

        FilterLogEventsResponse all = logs.filterLogEvents(b -> b.logGroupName("/filter"));
        assertThat(all.events()).extracting(FilteredLogEvent::logStreamName).containsExactly("web", "worker", "web", "worker", "web", "worker");
        assertThat(all.events()).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates().isSorted();
        assertThat(logs.filterLogEvents(b -> b.logGroupName("/filter").logStreamNames("worker").filterPattern("ERROR")).events())
                .extracting(FilteredLogEvent::logStreamName).containsExactly("worker", "worker");
        assertThatThrownBy(() -> filter("{ $.level = }")).isInstanceOf(InvalidParameterException.class).hasMessageContaining("position");
        assertThatThrownBy(() -> filter("{ $.level > \"ERROR\" }")).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    @DisplayName("FilterLogEvents pages by limit with nextToken, without repeating or skipping an event, and honours startTime and endTime inclusively")
    void filterPages() {
        logs.createLogGroup(b -> b.logGroupName("/filter/pages"));
        logs.createLogStream(b -> b.logGroupName("/filter/pages").logStreamName("a"));
        logs.createLogStream(b -> b.logGroupName("/filter/pages").logStreamName("b"));
        long start = clock.now().toEpochMilli();
        for (int i = 0; i < 7; i++) {
            put("/filter/pages", i % 2 == 0 ? "a" : "b", "line " + i);
        }
        List<String> paged = new ArrayList<>();
        logs.filterLogEventsPaginator(b -> b.logGroupName("/filter/pages").limit(3)).events().forEach(e -> paged.add(e.message()));
        assertThat(paged).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6");

        assertThat(logs.filterLogEvents(b -> b.logGroupName("/filter/pages").startTime(start + 1000).endTime(start + 3000)).events())
                .extracting(FilteredLogEvent::message).containsExactly("line 1", "line 2", "line 3");
    }

    private static List<String> filter(String pattern) {
        return logs.filterLogEvents(b -> b.logGroupName("/filter").logStreamNames("web", "worker").filterPattern(pattern)).events()
                .stream().map(FilteredLogEvent::message).toList();
    }

    /** The next page of two events of a stream of /get, read with a token of an earlier answer. */
    private static GetLogEventsResponse next(String stream, String token) {
        return logs.getLogEvents(b -> b.logGroupName("/get").logStreamName(stream).limit(2).nextToken(token));
    }

    /** One event now, then the clock moves a second, so events have distinct times. */
    private static void put(String group, String stream, String message) {
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(event(clock.now().toEpochMilli(), message)));
        clock.advance(Duration.ofSeconds(1));
    }

    private static void putAll(String group, String stream, String... messages) {
        for (String message : messages) {
            put(group, stream, message);
        }
    }

    private static List<String> messages(String group, String stream) {
        return logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true)).events().stream()
                .map(OutputLogEvent::message).toList();
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }
}
