package dev.ecslabs.emulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Metric alarms on the emulator's clock, as CloudWatch evaluates them
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html).
 */
@EmulatorTest(account = "111111111111", scope = EmulatorTest.Scope.EACH_TEST)
class AlarmApiTest {
    CloudWatchClient cloudWatch;
    ManualClock clock;

    private PutMetricAlarmRequest.Builder alarm(String name) {
        return PutMetricAlarmRequest.builder().alarmName(name).namespace("Shop/Orders").metricName("Failed")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(3).datapointsToAlarm(2).threshold(10.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    private void put(double value, Instant at) {
        cloudWatch.putMetricData(b -> b.namespace("Shop/Orders").metricData(d -> d.metricName("Failed").value(value).timestamp(at)));
    }

    private MetricAlarm describe(String name) {
        return cloudWatch.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0);
    }

    @Test
    @DisplayName("A new alarm is INSUFFICIENT_DATA; it goes to ALARM once 2 of the last 3 minutes breach, with AWS's reason and history")
    void datapointsToAlarm() {
        Instant start = clock.now();
        cloudWatch.putMetricAlarm(alarm("failures").build());
        MetricAlarm created = describe("failures");
        assertThat(created.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(created.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(created.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:111111111111:alarm:failures");

        put(20, start.plusSeconds(10));
        put(5, start.plusSeconds(70));
        put(30, start.plusSeconds(130));
        clock.advance(Duration.ofMinutes(2));
        assertThat(describe("failures").stateValue()).as("one breaching minute of the two with data").isEqualTo(StateValue.OK);

        clock.advance(Duration.ofMinutes(1));
        MetricAlarm alarm = describe("failures");
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).isEqualTo("Threshold Crossed: 2 out of the last 3 datapoints [30.0 (01/01/26 00:02:00), "
                + "20.0 (01/01/26 00:00:00)] were greater than the threshold (10.0) (minimum 2 datapoints for OK -> ALARM transition).");
        assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(start.plusSeconds(180));

        List<AlarmHistoryItem> history = cloudWatch.describeAlarmHistory(b -> b.alarmName("failures")
                .historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems();
        assertThat(history).extracting(AlarmHistoryItem::historySummary).containsExactly(
                "Alarm updated from OK to ALARM", "Alarm updated from INSUFFICIENT_DATA to OK");
    }

    @ParameterizedTest(name = "TreatMissingData {0}: no data at all leaves the alarm {1}")
    @CsvSource({"missing, INSUFFICIENT_DATA", "notBreaching, OK", "breaching, ALARM", "ignore, INSUFFICIENT_DATA"})
    @DisplayName("Missing data is treated as TreatMissingData says")
    void missingData(String treatment, StateValue expected) {
        cloudWatch.putMetricAlarm(alarm("quiet").treatMissingData(treatment).build());
        clock.advance(Duration.ofMinutes(3));
        assertThat(describe("quiet").stateValue()).isEqualTo(expected);
    }

    @Test
    @DisplayName("With TreatMissingData ignore, an alarm keeps its state when the data stops")
    void ignoreKeepsState() {
        Instant start = clock.now();
        cloudWatch.putMetricAlarm(alarm("kept").evaluationPeriods(1).datapointsToAlarm(1).treatMissingData("ignore").build());
        put(50, start.plusSeconds(5));
        clock.advance(Duration.ofMinutes(1));
        assertThat(describe("kept").stateValue()).isEqualTo(StateValue.ALARM);
        clock.advance(Duration.ofMinutes(5));
        assertThat(describe("kept").stateValue()).isEqualTo(StateValue.ALARM);
    }

    @Test
    @DisplayName("Updating an alarm keeps its state; DeleteAlarms of an unknown name deletes nothing and answers ResourceNotFound")
    void updateAndDelete() {
        cloudWatch.putMetricAlarm(alarm("a").treatMissingData("breaching").build());
        clock.advance(Duration.ofMinutes(1));
        cloudWatch.putMetricAlarm(alarm("a").treatMissingData("breaching").threshold(99.0).build());
        assertThat(describe("a").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(describe("a").threshold()).isEqualTo(99.0);

        assertThatThrownBy(() -> cloudWatch.deleteAlarms(b -> b.alarmNames("a", "nope")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                });
        assertThat(cloudWatch.describeAlarms(b -> b.alarmNamePrefix("a")).metricAlarms()).hasSize(1);
        cloudWatch.deleteAlarms(b -> b.alarmNames("a"));
        assertThat(cloudWatch.describeAlarms().metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("SetAlarmState sets a state until the next evaluation decides again")
    void setAlarmState() {
        cloudWatch.putMetricAlarm(alarm("forced").treatMissingData("notBreaching").build());
        cloudWatch.setAlarmState(b -> b.alarmName("forced").stateValue(StateValue.ALARM).stateReason("testing"));
        assertThat(describe("forced").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(cloudWatch.describeAlarms(b -> b.stateValue(StateValue.ALARM)).metricAlarms()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(describe("forced").stateValue()).isEqualTo(StateValue.OK);
    }

    @Test
    @DisplayName("PutMetricAlarm refuses DatapointsToAlarm above EvaluationPeriods and more than a day of periods")
    void refusesBadAlarms() {
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(alarm("bad").datapointsToAlarm(4).build()))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("DatapointsToAlarm");
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(alarm("bad").period(3600).evaluationPeriods(25).datapointsToAlarm(1).build()))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("one day");
        assertThat(cloudWatch.describeAlarms().metricAlarms()).isEmpty();
    }
}
