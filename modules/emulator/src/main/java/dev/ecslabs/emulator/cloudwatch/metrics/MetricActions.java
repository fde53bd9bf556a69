package dev.ecslabs.emulator.cloudwatch.metrics;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.CloudWatchErrors;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/** CloudWatch's metric actions: PutMetricData, GetMetricStatistics, ListMetrics (GetMetricData: {@link MetricDataActions}). */
public final class MetricActions implements ActionGroup {
    /** "Data points with time stamps from 24 hours ago or longer can take at least 48 hours to become available" — and two weeks back is the most PutMetricData takes. */
    static final Duration OLDEST_ACCEPTED = Duration.ofDays(14);
    static final Duration NEWEST_ACCEPTED = Duration.ofHours(2);
    static final int MAX_DATAPOINTS = 1440;
    private static final int LIST_PAGE = 500;

    private final EveryMinute everyMinute;

    /** {@code everyMinute} is woken by every call: an account that uses CloudWatch gets ECS's metrics each minute. */
    public MetricActions(EveryMinute everyMinute) {
        this.everyMinute = everyMinute;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUDWATCH, "PutMetricData", PutMetricDataRequest::builder, this::putMetricData);
        table.add(AwsService.CLOUDWATCH, "GetMetricStatistics", GetMetricStatisticsRequest::builder, this::getMetricStatistics);
        table.add(AwsService.CLOUDWATCH, "ListMetrics", ListMetricsRequest::builder, this::listMetrics);
    }

    /**
     * Rules from https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html:
     * no namespace of AWS's own ({@code AWS/}), a value or a statistic set or values with counts, not two
     * of them, finite numbers, a timestamp from two weeks ago to two hours ahead.
     */
    PutMetricDataResponse putMetricData(RequestContext context, PutMetricDataRequest request) {
        everyMinute.wake();
        String namespace = request.namespace();
        if (namespace.startsWith("AWS/")) {
            throw CloudWatchErrors.invalidValue("Namespace", namespace, "Namespaces beginning with \"AWS/\" are reserved for "
                    + "AWS's own services; publish custom metrics under a namespace of your own, such as MyApp/Orders.");
        }
        Instant now = context.now();
        List<MetricDatum> data = request.metricData();
        for (int i = 0; i < data.size(); i++) {
            check(data.get(i), "MetricData.member." + (i + 1), now);
        }
        Metrics metrics = Metrics.of(context.state());
        for (MetricDatum datum : data) {
            Instant at = datum.timestamp() == null ? now : datum.timestamp();
            boolean highResolution = datum.storageResolution() != null && datum.storageResolution() == 1;
            String unit = datum.unitAsString();
            if (datum.statisticValues() != null) {
                StatisticSet set = datum.statisticValues();
                metrics.publish(namespace, datum.metricName(), datum.dimensions(), at, highResolution,
                        set.sampleCount(), set.sum(), set.minimum(), set.maximum(), unit);
            } else if (datum.value() != null) {
                metrics.publish(namespace, datum.metricName(), datum.dimensions(), at, highResolution,
                        1, datum.value(), datum.value(), datum.value(), unit);
            } else {
                List<Double> values = datum.values();
                for (int v = 0; v < values.size(); v++) {
                    double count = datum.hasCounts() ? datum.counts().get(v) : 1;
                    double value = values.get(v);
                    metrics.publish(namespace, datum.metricName(), datum.dimensions(), at, highResolution,
                            count, value * count, value, value, unit);
                }
            }
        }
        return PutMetricDataResponse.builder().build();
    }

    private static void check(MetricDatum datum, String path, Instant now) {
        int given = (datum.value() != null ? 1 : 0) + (datum.statisticValues() != null ? 1 : 0) + (datum.hasValues() ? 1 : 0);
        if (given == 0) {
            throw CloudWatchErrors.missing(path + ".Value", "Each datum needs a Value, StatisticValues, or Values (with Counts).");
        }
        if (given > 1) {
            throw CloudWatchErrors.combination("The parameters " + path + ".Value, " + path + ".StatisticValues and "
                    + path + ".Values are mutually exclusive: give one of them.");
        }
        if (datum.value() != null) {
            finite(path + ".Value", datum.value());
        }
        if (datum.statisticValues() != null) {
            StatisticSet set = datum.statisticValues();
            finite(path + ".StatisticValues.Sum", set.sum());
            finite(path + ".StatisticValues.Minimum", set.minimum());
            finite(path + ".StatisticValues.Maximum", set.maximum());
            if (set.sampleCount() <= 0 || set.minimum() > set.maximum()) {
                throw CloudWatchErrors.invalidValue(path + ".StatisticValues", set,
                        "A statistic set has a positive SampleCount and a Minimum no larger than its Maximum.");
            }
        }
        if (datum.hasValues()) {
            datum.values().forEach(value -> finite(path + ".Values", value));
            if (datum.hasCounts() && datum.counts().size() != datum.values().size()) {
                throw CloudWatchErrors.invalidValue(path + ".Counts", datum.counts().size() + " counts",
                        "Counts must have as many entries as Values (" + datum.values().size() + ").");
            }
        }
        if (datum.storageResolution() != null && datum.storageResolution() != 1 && datum.storageResolution() != 60) {
            throw CloudWatchErrors.invalidValue(path + ".StorageResolution", datum.storageResolution(),
                    "It is 1 (high resolution) or 60 (standard resolution).");
        }
        Instant at = datum.timestamp();
        if (at != null && (at.isBefore(now.minus(OLDEST_ACCEPTED)) || at.isAfter(now.plus(NEWEST_ACCEPTED)))) {
            throw CloudWatchErrors.invalidValue(path + ".Timestamp", at, "A timestamp is at most two weeks in the past "
                    + "and two hours in the future of the current time (" + now + ").");
        }
    }

    private static void finite(String parameter, Double value) {
        if (value == null || !Double.isFinite(value) || Math.abs(value) > 1e108 || (value != 0 && Math.abs(value) < 1e-130)) {
            throw CloudWatchErrors.invalidValue(parameter, value, "CloudWatch takes numbers from -2^360 to 2^360 "
                    + "and rejects NaN and infinities.");
        }
    }

    /** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html */
    GetMetricStatisticsResponse getMetricStatistics(RequestContext context, GetMetricStatisticsRequest request) {
        everyMinute.wake();
        Metrics.of(context.state());
        if (!request.hasStatistics() && !request.hasExtendedStatistics()) {
            throw CloudWatchErrors.missing("Statistics", "Ask for Statistics (SampleCount, Average, Sum, Minimum, Maximum) "
                    + "or ExtendedStatistics.");
        }
        if (request.hasStatistics() && request.hasExtendedStatistics()) {
            throw CloudWatchErrors.combination("The parameters Statistics and ExtendedStatistics are mutually exclusive.");
        }
        if (request.hasExtendedStatistics()) {
            throw CloudWatchErrors.invalidValue("ExtendedStatistics", request.extendedStatistics(), "The ECS Labs emulator keeps "
                    + "per-minute statistic sets, not raw values, so it computes no percentiles: ask for Statistics.");
        }
        int period = checkPeriod(request.period(), "Period");
        checkRange(request.startTime(), request.endTime());
        long windows = (Duration.between(request.startTime(), request.endTime()).getSeconds() + period - 1) / period;
        if (windows > MAX_DATAPOINTS) {
            throw CloudWatchErrors.combination("You have requested up to " + windows + " datapoints, which exceeds the limit of "
                    + MAX_DATAPOINTS + ". You may reduce the datapoints requested by increasing Period, or decreasing the "
                    + "time range.");
        }
        List<Datapoint> datapoints = new ArrayList<>();
        String unit = request.unit() == null ? null : request.unitAsString();
        Metrics.of(context.state()).find(request.namespace(), request.metricName(), request.dimensions()).ifPresent(series -> {
            for (Statistics.Window window : Statistics.windows(series, request.startTime(), request.endTime(), period, unit)) {
                Datapoint.Builder point = Datapoint.builder().timestamp(window.timestamp()).unit(window.aggregate().unit());
                for (String statistic : request.statisticsAsStrings()) {
                    double value = window.value(statistic);
                    switch (statistic) {
                        case "SampleCount" -> point.sampleCount(value);
                        case "Average" -> point.average(value);
                        case "Sum" -> point.sum(value);
                        case "Minimum" -> point.minimum(value);
                        case "Maximum" -> point.maximum(value);
                        default -> throw new IllegalStateException(statistic);
                    }
                }
                datapoints.add(point.build());
            }
        });
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    /**
     * A period is a multiple of 60 seconds, or 1, 5, 10, 20 or 30 for high-resolution metrics
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#CloudWatchPeriods).
     */
    static int checkPeriod(Integer period, String parameter) {
        if (period == null) {
            throw CloudWatchErrors.missing(parameter, "Give the length of each period in seconds, such as 60.");
        }
        if (period < 1 || (period % 60 != 0 && !List.of(1, 5, 10, 20, 30).contains(period))) {
            throw CloudWatchErrors.invalidValue(parameter, period, "The period is 1, 5, 10, 20 or 30 seconds for "
                    + "high-resolution metrics, or any multiple of 60.");
        }
        return period;
    }

    static void checkRange(Instant start, Instant end) {
        if (!start.isBefore(end)) {
            throw CloudWatchErrors.invalidValue("StartTime", start, "The start time must be before the end time (" + end + ").");
        }
    }

    /** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html: 500 per page, two weeks back (three hours with RecentlyActive=PT3H). */
    ListMetricsResponse listMetrics(RequestContext context, ListMetricsRequest request) {
        everyMinute.wake();
        Instant since = context.now().minus(request.recentlyActive() != null ? Duration.ofHours(3) : OLDEST_ACCEPTED);
        List<MetricSeries> matching = new ArrayList<>();
        for (MetricSeries series : Metrics.of(context.state()).all()) {
            Instant last = series.lastPublished();
            if (last != null && !last.isBefore(since) && matches(series, request)) {
                matching.add(series);
            }
        }
        Pages.Page<MetricSeries> page = Pages.page(matching, MetricSeries::key, request.nextToken(), null, LIST_PAGE,
                LIST_PAGE, "InvalidNextToken");
        List<Metric> metrics = page.items().stream().map(series -> Metric.builder().namespace(series.namespace())
                .metricName(series.metricName()).dimensions(series.dimensions()).build()).toList();
        return ListMetricsResponse.builder().metrics(metrics).nextToken(page.nextToken()).build();
    }

    private static boolean matches(MetricSeries series, ListMetricsRequest request) {
        if (request.namespace() != null && !request.namespace().equals(series.namespace())) {
            return false;
        }
        if (request.metricName() != null && !request.metricName().equals(series.metricName())) {
            return false;
        }
        for (DimensionFilter filter : request.dimensions()) {
            boolean found = series.dimensions().stream().anyMatch(d -> d.name().equals(filter.name())
                    && (filter.value() == null || filter.value().equals(d.value())));
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
