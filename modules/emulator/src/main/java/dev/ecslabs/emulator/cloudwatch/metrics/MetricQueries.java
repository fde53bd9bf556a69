package dev.ecslabs.emulator.cloudwatch.metrics;

import dev.ecslabs.emulator.cloudwatch.CloudWatchErrors;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Metric data queries, as GetMetricData and alarms on metric math take them: each query a metric's
 * statistic per period, or an expression ({@link MetricMath}) over the queries before it. A series
 * is a value per period start (epoch seconds).
 */
public final class MetricQueries {
    private MetricQueries() {
    }

    /** Checks the queries' ids and forms: unique ids, exactly one of MetricStat and Expression each. */
    public static void check(List<MetricDataQuery> queries, String parameter) {
        Set<String> ids = new HashSet<>();
        for (MetricDataQuery query : queries) {
            if (!ids.add(query.id())) {
                throw CloudWatchErrors.invalidValue(parameter + ".Id", query.id(), "Each query's Id is unique in the request.");
            }
            if ((query.metricStat() == null) == (query.expression() == null)) {
                throw CloudWatchErrors.combination("The query " + query.id() + " must have exactly one of MetricStat and Expression.");
            }
            if (query.metricStat() != null) {
                checkStat(query.metricStat());
            }
        }
    }

    /** Every query's series, by id, in the order given. */
    public static Map<String, TreeMap<Long, Double>> evaluate(Metrics metrics, List<MetricDataQuery> queries,
                                                              Instant start, Instant end) {
        Map<String, TreeMap<Long, Double>> byId = new LinkedHashMap<>();
        for (MetricDataQuery query : queries) {
            if (query.metricStat() != null) {
                byId.put(query.id(), statistic(metrics, query.metricStat(), start, end));
            }
        }
        Map<String, TreeMap<Long, Double>> results = new LinkedHashMap<>();
        for (MetricDataQuery query : queries) {
            TreeMap<Long, Double> series = query.metricStat() != null ? byId.get(query.id())
                    : MetricMath.evaluate(query.expression(), byId);
            byId.put(query.id(), series);
            results.put(query.id(), series);
        }
        return results;
    }

    static void checkStat(MetricStat stat) {
        MetricActions.checkPeriod(stat.period(), "MetricStat.Period");
        if (!Statistics.NAMES.contains(stat.stat())) {
            throw CloudWatchErrors.invalidValue("MetricStat.Stat", stat.stat(), "The ECS Labs emulator computes the statistics "
                    + String.join(", ", new TreeSet<>(Statistics.NAMES)) + "; it keeps no raw values for percentiles.");
        }
    }

    /** One metric's statistic per period from {@code start} (rounded down to the period) to {@code end}. */
    public static TreeMap<Long, Double> statistic(Metrics metrics, MetricStat stat, Instant start, Instant end) {
        checkStat(stat);
        int period = stat.period();
        Metric metric = stat.metric();
        String unit = stat.unit() == null ? null : stat.unitAsString();
        TreeMap<Long, Double> series = new TreeMap<>();
        metrics.find(metric.namespace(), metric.metricName(), metric.dimensions()).ifPresent(found -> {
            Instant alignedStart = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), period) * period);
            for (Statistics.Window window : Statistics.windows(found, alignedStart, end, period, unit)) {
                series.put(window.timestamp().getEpochSecond(), window.value(stat.stat()));
            }
        });
        return series;
    }
}
