package dev.ecslabs.emulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch's state across a crash: the journal alone (no checkpoint taken) carries what the calls
 * changed, resource by resource, as {@code state/ResourceJournalTest} shows for the other areas.
 * Not an {@code @EmulatorTest}: what it tests is a restart.
 */
class CloudWatchRestartTest {
    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock();
    private Emulator first;

    @BeforeEach
    void start() {
        first = started(temp.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        first.close();
    }

    private static Emulator started(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
    }

    private Emulator afterCrash() {
        Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
        assertThat(crashed.resolve("state.json")).as("no checkpoint: the journal alone carries the changes").doesNotExist();
        Emulator second = started(crashed, new ManualClock(clock.now()));
        assertThat(Restarts.report(second)).contains("journal record").doesNotContain("problem");
        return second;
    }

    @Test
    @DisplayName("Metrics: the datapoints PutMetricData sent are found after a crash, statistics and all")
    void metrics() {
        Instant now = clock.now();
        try (CloudWatchClient cloudWatch = AwsClients.client(CloudWatchClient.builder(), first, "111111111111")) {
            cloudWatch.putMetricData(b -> b.namespace("Shop/Orders").metricData(d -> d.metricName("Placed").value(4.0).timestamp(now)));
            cloudWatch.putMetricData(b -> b.namespace("Shop/Orders").metricData(d -> d.metricName("Placed").value(6.0).timestamp(now)));
        }
        try (Emulator second = afterCrash();
             CloudWatchClient cloudWatch = AwsClients.client(CloudWatchClient.builder(), second, "111111111111")) {
            var points = cloudWatch.getMetricStatistics(b -> b.namespace("Shop/Orders").metricName("Placed")
                    .startTime(now).endTime(now.plusSeconds(60)).period(60).statistics(Statistic.SUM, Statistic.SAMPLE_COUNT)).datapoints();
            assertThat(points).hasSize(1);
            assertThat(points.get(0).sum()).isEqualTo(10.0);
            assertThat(points.get(0).sampleCount()).isEqualTo(2.0);
        }
    }

    @Test
    @DisplayName("Alarms: an alarm, its state and its history are found after a crash, and a deleted one stays deleted")
    void alarms() {
        try (CloudWatchClient cloudWatch = AwsClients.client(CloudWatchClient.builder(), first, "111111111111")) {
            for (String name : List.of("kept", "gone")) {
                cloudWatch.putMetricAlarm(b -> b.alarmName(name).namespace("Shop/Orders").metricName("Failed").statistic(Statistic.SUM)
                        .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            }
            cloudWatch.setAlarmState(b -> b.alarmName("kept").stateValue(StateValue.ALARM).stateReason("by hand"));
            cloudWatch.deleteAlarms(b -> b.alarmNames("gone"));
        }
        try (Emulator second = afterCrash();
             CloudWatchClient cloudWatch = AwsClients.client(CloudWatchClient.builder(), second, "111111111111")) {
            List<MetricAlarm> alarms = cloudWatch.describeAlarms().metricAlarms();
            assertThat(alarms).extracting(MetricAlarm::alarmName).containsExactly("kept");
            assertThat(alarms.get(0).stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(alarms.get(0).stateReason()).isEqualTo("by hand");
            assertThat(cloudWatch.describeAlarmHistory(b -> b.alarmName("gone")).alarmHistoryItems())
                    .extracting(AlarmHistoryItem::historySummary).contains("Alarm \"gone\" deleted");
        }
    }
}
