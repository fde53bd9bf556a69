package dev.ecslabs.emulator.cloudwatch.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CloudWatch's statistics over periods: the buckets of a metric between two times, gathered into
 * windows of {@code period} seconds that start on multiples of the period since the epoch, each
 * window's statistic set giving SampleCount, Sum, Average, Minimum and Maximum
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Statistic).
 * Percentiles and the other extended statistics need the raw values, which the emulator does not
 * keep: they are refused with a message that says so.
 */
public final class Statistics {
    public static final Set<String> NAMES = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

    private Statistics() {
    }

    /** One window's aggregate. */
    public record Window(Instant timestamp, MetricSeries.Bucket aggregate) {
        public double value(String statistic) {
            return Statistics.value(aggregate, statistic);
        }
    }

    /**
     * The windows of {@code period} seconds from {@code start} to {@code end} that hold data, oldest
     * first; only buckets of {@code unit} count when a unit is asked for.
     */
    public static List<Window> windows(MetricSeries series, Instant start, Instant end, int period, String unit) {
        Map<Long, MetricSeries.Bucket> byWindow = new TreeMap<>();
        for (Map.Entry<Long, MetricSeries.Bucket> entry : series.between(start, end).entrySet()) {
            MetricSeries.Bucket bucket = entry.getValue();
            if (unit != null && !unit.equals(bucket.unit())) {
                continue;
            }
            long window = Math.floorDiv(entry.getKey(), period) * (long) period;
            byWindow.merge(window, bucket, (a, b) -> a.plus(b.sampleCount(), b.sum(), b.minimum(), b.maximum()));
        }
        List<Window> windows = new ArrayList<>(byWindow.size());
        byWindow.forEach((second, aggregate) -> windows.add(new Window(Instant.ofEpochSecond(second), aggregate)));
        return windows;
    }

    /** One statistic of an aggregate, by CloudWatch's name for it. */
    public static double value(MetricSeries.Bucket aggregate, String statistic) {
        return switch (statistic) {
            case "SampleCount" -> aggregate.sampleCount();
            case "Sum" -> aggregate.sum();
            case "Average" -> aggregate.sum() / aggregate.sampleCount();
            case "Minimum" -> aggregate.minimum();
            case "Maximum" -> aggregate.maximum();
            default -> throw new IllegalArgumentException("not a statistic the emulator computes: " + statistic);
        };
    }
}
