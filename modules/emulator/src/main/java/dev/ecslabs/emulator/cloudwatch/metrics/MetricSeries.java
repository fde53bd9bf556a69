package dev.ecslabs.emulator.cloudwatch.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * One metric (namespace, name and its exact set of dimensions) with what was published to it, as
 * CloudWatch keeps it: values aggregated per minute (per second for high-resolution data) into a
 * statistic set, each bucket keeping the unit it was published with. Data older than 15 days is
 * dropped, as CloudWatch keeps one-minute data for 15 days
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention).
 */
public final class MetricSeries {
    static final Duration RETENTION = Duration.ofDays(15);

    /** One minute's (or second's) aggregate, as a statistic set. */
    public record Bucket(double sampleCount, double sum, double minimum, double maximum, String unit) {
        Bucket plus(double count, double addedSum, double min, double max) {
            return new Bucket(sampleCount + count, sum + addedSum, Math.min(minimum, min), Math.max(maximum, max), unit);
        }
    }

    /** What a series is saved as. */
    record Saved(String namespace, String metricName, List<Dimension> dimensions, Map<Long, Bucket> buckets) {
    }

    private final String namespace;
    private final String metricName;
    private final List<Dimension> dimensions;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

    MetricSeries(String namespace, String metricName, List<Dimension> dimensions) {
        this.namespace = namespace;
        this.metricName = metricName;
        this.dimensions = sorted(dimensions);
    }

    /** The key a metric is filed (and journaled) under: namespace, name and its dimensions sorted by name. */
    public static String key(String namespace, String metricName, List<Dimension> dimensions) {
        StringBuilder key = new StringBuilder(namespace).append('\u0000').append(metricName);
        for (Dimension dimension : sorted(dimensions)) {
            key.append('\u0000').append(dimension.name()).append('=').append(dimension.value());
        }
        return key.toString();
    }

    static List<Dimension> sorted(List<Dimension> dimensions) {
        List<Dimension> copy = new ArrayList<>(dimensions == null ? List.of() : dimensions);
        copy.sort(Comparator.comparing(Dimension::name));
        return List.copyOf(copy);
    }

    public String namespace() {
        return namespace;
    }

    public String metricName() {
        return metricName;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    public String key() {
        return key(namespace, metricName, dimensions);
    }

    /** Adds a statistic set at {@code timestamp}, into its minute (or second, at storage resolution 1). */
    void add(Instant timestamp, boolean highResolution, double count, double sum, double min, double max, String unit) {
        long resolution = highResolution ? 1 : 60;
        long bucket = Math.floorDiv(timestamp.getEpochSecond(), resolution) * resolution;
        buckets.merge(bucket, new Bucket(count, sum, min, max, unit), (old, added) -> old.plus(count, sum, min, max));
    }

    /** Forgets what is older than the retention period before {@code now}. */
    void expire(Instant now) {
        buckets.headMap(now.minus(RETENTION).getEpochSecond()).clear();
    }

    /** The buckets from {@code start} (inclusive) to {@code end} (exclusive), by epoch second. */
    public NavigableMap<Long, Bucket> between(Instant start, Instant end) {
        return buckets.subMap(start.getEpochSecond(), true, end.getEpochSecond(), false);
    }

    /** When data was last published, if ever. */
    public Instant lastPublished() {
        return buckets.isEmpty() ? null : Instant.ofEpochSecond(buckets.lastKey());
    }

    Saved saved() {
        return new Saved(namespace, metricName, dimensions, new TreeMap<>(buckets));
    }

    static MetricSeries restored(Saved saved) {
        if (saved.namespace() == null || saved.metricName() == null) {
            throw new IllegalArgumentException("a metric lacks its namespace or name");
        }
        MetricSeries series = new MetricSeries(saved.namespace(), saved.metricName(), saved.dimensions());
        if (saved.buckets() != null) {
            series.buckets.putAll(saved.buckets());
        }
        return series;
    }
}
