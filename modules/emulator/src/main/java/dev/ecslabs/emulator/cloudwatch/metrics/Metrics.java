package dev.ecslabs.emulator.cloudwatch.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * The CloudWatch metrics of one account and region, by metric: what PutMetricData and the
 * emulator's own services (ECS, the load balancers) published. Journaled metric by metric.
 */
public final class Metrics implements ResourceArea {
    private final AccountRegion region;
    private final Map<String, MetricSeries> byKey = new TreeMap<>();

    private Metrics(AccountRegion region) {
        this.region = region;
    }

    public static Metrics of(AccountRegion region) {
        return region.area(Metrics.class, Metrics::new);
    }

    /**
     * Publishes one statistic set (a single value is count 1, sum = min = max = value) to a metric,
     * as PutMetricData does; the emulator's own publishers (ECS's utilisation, a load balancer's
     * request counts) call this too. Must run under the account-region's lock.
     */
    public void publish(String namespace, String metricName, List<Dimension> dimensions, Instant timestamp,
                        boolean highResolution, double count, double sum, double min, double max, String unit) {
        String key = MetricSeries.key(namespace, metricName, dimensions);
        MetricSeries series = byKey.computeIfAbsent(key, k -> new MetricSeries(namespace, metricName, dimensions));
        series.add(timestamp, highResolution, count, sum, min, max, unit == null ? "None" : unit);
        series.expire(region.now());
        region.changed(Metrics.class, key);
    }

    /** Publishes a single value. */
    public void publish(String namespace, String metricName, List<Dimension> dimensions, Instant timestamp,
                        double value, String unit) {
        publish(namespace, metricName, dimensions, timestamp, false, 1, value, value, value, unit);
    }

    /** The metric with exactly these dimensions, if anything was ever published to it. */
    public Optional<MetricSeries> find(String namespace, String metricName, List<Dimension> dimensions) {
        return Optional.ofNullable(byKey.get(MetricSeries.key(namespace, metricName, dimensions)));
    }

    /** Every metric, sorted by namespace, name and dimensions. */
    public Collection<MetricSeries> all() {
        return List.copyOf(byKey.values());
    }

    /** The time now on the emulator's clock. */
    Instant now() {
        return region.now();
    }

    @Override
    public JsonNode snapshot() {
        List<MetricSeries.Saved> saved = new ArrayList<>();
        byKey.values().forEach(series -> saved.add(series.saved()));
        return SavedStateJson.write(saved);
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (MetricSeries.Saved saved : SavedStateJson.read(snapshot, new TypeReference<List<MetricSeries.Saved>>() { })) {
            MetricSeries series = MetricSeries.restored(saved);
            byKey.put(series.key(), series);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        return Optional.ofNullable(byKey.get(key)).map(series -> SavedStateJson.write(series.saved()));
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (json == null) {
            byKey.remove(key);
            return;
        }
        MetricSeries series = MetricSeries.restored(SavedStateJson.read(json, MetricSeries.Saved.class));
        if (!series.key().equals(key)) {
            throw new IllegalArgumentException("the metric saved as '" + key + "' is " + series.key());
        }
        byKey.put(key, series);
    }
}
