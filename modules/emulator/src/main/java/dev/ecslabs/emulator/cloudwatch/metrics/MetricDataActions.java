package dev.ecslabs.emulator.cloudwatch.metrics;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.CloudWatchErrors;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * GetMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
 * up to 500 queries, each a metric's statistic over a period or a metric-math expression over the
 * others ({@link MetricMath}: arithmetic only); results newest first unless {@code ScanBy} says
 * otherwise, for the queries whose {@code ReturnData} is not false. All the data comes in one page.
 */
public final class MetricDataActions implements ActionGroup {
    private static final int MAX_QUERIES = 500;
    private static final int MAX_DATAPOINTS = 100_800;

    private final EveryMinute everyMinute;

    public MetricDataActions(EveryMinute everyMinute) {
        this.everyMinute = everyMinute;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.CLOUDWATCH, "GetMetricData", GetMetricDataRequest::builder, this::getMetricData);
    }

    GetMetricDataResponse getMetricData(RequestContext context, GetMetricDataRequest request) {
        everyMinute.wake();
        MetricActions.checkRange(request.startTime(), request.endTime());
        List<MetricDataQuery> queries = request.metricDataQueries();
        if (queries.size() > MAX_QUERIES) {
            throw CloudWatchErrors.invalidValue("MetricDataQueries", queries.size() + " queries", "A request holds at most "
                    + MAX_QUERIES + " queries.");
        }
        MetricQueries.check(queries, "MetricDataQueries");
        Map<String, TreeMap<Long, Double>> byId = MetricQueries.evaluate(Metrics.of(context.state()), queries,
                request.startTime(), request.endTime());
        List<MetricDataResult> results = new ArrayList<>();
        boolean ascending = request.scanBy() == ScanBy.TIMESTAMP_ASCENDING;
        int budget = request.maxDatapoints() == null ? MAX_DATAPOINTS : request.maxDatapoints();
        for (MetricDataQuery query : queries) {
            TreeMap<Long, Double> series = byId.get(query.id());
            if (Boolean.FALSE.equals(query.returnData())) {
                continue;
            }
            List<Instant> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Map.Entry<Long, Double> point : (ascending ? series : series.descendingMap()).entrySet()) {
                if (budget-- <= 0) {
                    break;
                }
                timestamps.add(Instant.ofEpochSecond(point.getKey()));
                values.add(point.getValue());
            }
            results.add(MetricDataResult.builder().id(query.id()).label(label(query)).timestamps(timestamps).values(values)
                    .statusCode(StatusCode.COMPLETE).build());
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    private static String label(MetricDataQuery query) {
        if (query.label() != null) {
            return query.label();
        }
        return query.metricStat() != null ? query.metricStat().metric().metricName() : query.id();
    }
}
