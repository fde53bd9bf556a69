package dev.ecslabs.emulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch metrics through the SDK's own client, which speaks Smithy RPC v2 CBOR, as the API
 * reference describes PutMetricData, GetMetricStatistics, GetMetricData and ListMetrics
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html and its siblings).
 */
@EmulatorTest(account = "111111111111", scope = EmulatorTest.Scope.EACH_TEST)
class MetricApiTest {
    static final Instant MINUTE = Instant.parse("2026-01-01T10:00:00Z");
    CloudWatchClient cloudWatch;
    ManualClock clock;

    private void put(String name, double value, Instant at, Dimension... dimensions) {
        cloudWatch.putMetricData(b -> b.namespace("Shop/Orders").metricData(d -> d.metricName(name).value(value)
                .timestamp(at).unit(StandardUnit.COUNT).dimensions(dimensions)));
    }

    private void startAt(Instant instant) {
        clock.advance(Duration.between(clock.now(), instant));
    }

    @Test
    @DisplayName("GetMetricStatistics aggregates what PutMetricData sent into periods: SampleCount, Sum, Average, Minimum, Maximum")
    void statisticsOverPeriods() {
        startAt(MINUTE.plus(Duration.ofMinutes(10)));
        Dimension shop = Dimension.builder().name("Shop").value("north").build();
        put("Placed", 2, MINUTE, shop);
        put("Placed", 4, MINUTE.plusSeconds(30), shop);
        put("Placed", 9, MINUTE.plusSeconds(300), shop);

        List<Datapoint> points = cloudWatch.getMetricStatistics(b -> b.namespace("Shop/Orders").metricName("Placed")
                .dimensions(shop).startTime(MINUTE).endTime(MINUTE.plus(Duration.ofMinutes(10))).period(300)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.AVERAGE, Statistic.MINIMUM, Statistic.MAXIMUM))
                .datapoints().stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList();

        assertThat(points).hasSize(2);
        Datapoint first = points.get(0);
        assertThat(first.timestamp()).isEqualTo(MINUTE);
        assertThat(first.sampleCount()).isEqualTo(2.0);
        assertThat(first.sum()).isEqualTo(6.0);
        assertThat(first.average()).isEqualTo(3.0);
        assertThat(first.minimum()).isEqualTo(2.0);
        assertThat(first.maximum()).isEqualTo(4.0);
        assertThat(first.unit()).isEqualTo(StandardUnit.COUNT);
        assertThat(points.get(1).timestamp()).isEqualTo(MINUTE.plusSeconds(300));
        assertThat(points.get(1).sum()).isEqualTo(9.0);
    }

    @Test
    @DisplayName("A metric is its exact set of dimensions: other dimensions are another metric")
    void dimensionsAreExact() {
        startAt(MINUTE.plus(Duration.ofMinutes(2)));
        put("Placed", 1, MINUTE, Dimension.builder().name("Shop").value("north").build());
        put("Placed", 5, MINUTE, Dimension.builder().name("Shop").value("south").build());

        assertThat(cloudWatch.getMetricStatistics(b -> b.namespace("Shop/Orders").metricName("Placed")
                .startTime(MINUTE).endTime(MINUTE.plusSeconds(60)).period(60).statistics(Statistic.SUM)).datapoints())
                .as("no dimensions is a third metric, which has no data").isEmpty();
        assertThat(cloudWatch.listMetrics(b -> b.namespace("Shop/Orders")).metrics())
                .extracting(Metric::dimensions).containsExactly(
                        List.of(Dimension.builder().name("Shop").value("north").build()),
                        List.of(Dimension.builder().name("Shop").value("south").build()));
        assertThat(cloudWatch.listMetrics(b -> b.dimensions(f -> f.name("Shop").value("south"))).metrics()).hasSize(1);
    }

    @Test
    @DisplayName("GetMetricData returns each query newest first, and metric math divides one by another")
    void metricDataWithMath() {
        startAt(MINUTE.plus(Duration.ofMinutes(5)));
        for (int minute = 0; minute < 3; minute++) {
            put("Placed", 10 * (minute + 1), MINUTE.plusSeconds(60L * minute));
            put("Failed", minute + 1, MINUTE.plusSeconds(60L * minute));
        }
        GetMetricDataResponse response = cloudWatch.getMetricData(b -> b.startTime(MINUTE).endTime(MINUTE.plusSeconds(180))
                .metricDataQueries(query("placed", "Placed", false), query("failed", "Failed", false),
                        MetricDataQuery.builder().id("rate").expression("failed / placed * 100").label("Failure %").build()));

        assertThat(response.metricDataResults()).extracting(MetricDataResult::id).containsExactly("rate");
        MetricDataResult rate = response.metricDataResults().get(0);
        assertThat(rate.label()).isEqualTo("Failure %");
        assertThat(rate.timestamps()).containsExactly(MINUTE.plusSeconds(120), MINUTE.plusSeconds(60), MINUTE);
        assertThat(rate.values()).containsExactly(10.0, 10.0, 10.0);

        MetricDataResult ascending = cloudWatch.getMetricData(b -> b.startTime(MINUTE).endTime(MINUTE.plusSeconds(180))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(query("placed", "Placed", true))).metricDataResults().get(0);
        assertThat(ascending.values()).containsExactly(10.0, 20.0, 30.0);
    }

    private static MetricDataQuery query(String id, String name, boolean returnData) {
        return MetricDataQuery.builder().id(id).returnData(returnData).metricStat(s -> s.period(60).stat("Sum")
                .metric(m -> m.namespace("Shop/Orders").metricName(name))).build();
    }

    @Test
    @DisplayName("PutMetricData refuses AWS's own namespaces and two kinds of value at once, with the SDK's typed exceptions and Query codes")
    void refusesBadData() {
        assertThatThrownBy(() -> cloudWatch.putMetricData(b -> b.namespace("AWS/ECS").metricData(d -> d.metricName("x").value(1.0))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("AWS/ECS", "reserved");
                });
        assertThatThrownBy(() -> cloudWatch.putMetricData(b -> b.namespace("Shop/Orders").metricData(d -> d.metricName("x")
                .value(1.0).statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)))))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThat(cloudWatch.listMetrics(b -> { }).metrics()).as("nothing was stored").isEmpty();
    }

    @Test
    @DisplayName("GetMetricStatistics refuses a period that is not a multiple of 60 and more than 1,440 datapoints")
    void refusesBadPeriods() {
        startAt(MINUTE);
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(b -> b.namespace("Shop/Orders").metricName("Placed")
                .startTime(MINUTE.minusSeconds(3600)).endTime(MINUTE).period(45).statistics(Statistic.SUM)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("multiple of 60");
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(b -> b.namespace("Shop/Orders").metricName("Placed")
                .startTime(MINUTE.minus(Duration.ofDays(2))).endTime(MINUTE).period(60).statistics(Statistic.SUM)))
                .isInstanceOf(InvalidParameterCombinationException.class).hasMessageContaining("1440");
    }
}
