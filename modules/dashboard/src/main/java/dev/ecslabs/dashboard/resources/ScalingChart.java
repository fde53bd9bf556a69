package dev.ecslabs.dashboard.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A scalable ECS service over the last {@link #WINDOW} of AWS time (or since it was created, at least
 * {@link #SHORTEST_WINDOW}) as a small SVG drawn on the
 * server, in two bands: above, its desired count (dashed, as Application Auto Scaling's activities
 * set it) against its running count (from its tasks' {@code startedAt} to {@code stoppingAt}); below,
 * the metric its scaling policy's alarm watches (one point per minute from GetMetricData) with the
 * policy's target as a line. So a learner sees the metric cross the target, then the desired count
 * move, then the running count follow.
 */
record ScalingChart(String resourceId, String span, int countTop, String desiredPoints, String runningPoints, int desiredNow,
                    int runningNow, String metricLabel, String metricTop, String metricPoints, List<Point> datapoints,
                    String thresholdY, String threshold) {
    static final Duration WINDOW = Duration.ofMinutes(30);
    /** A service younger than this is drawn over this much time, so that its few minutes fill the chart's width. */
    static final Duration SHORTEST_WINDOW = Duration.ofMinutes(10);
    static final int WIDTH = 420;
    static final int HEIGHT = 170;
    static final int LEFT = 34;
    static final int RIGHT = 10;
    static final int COUNTS_TOP = 10;
    static final int COUNTS_BOTTOM = 70;
    static final int METRIC_TOP = 90;
    static final int METRIC_BOTTOM = 148;

    /** A datapoint of the metric where it is drawn, its value and its minute. */
    record Point(String x, String y, String value, Instant at) {
    }

    /** The metric a scaling policy's alarm watches, read for the chart: its name, statistic, points and the policy's target. */
    record Metric(String label, boolean percent, List<Instant> timestamps, List<Double> values, Double threshold) {
        static final Metric NONE = new Metric(null, false, List.of(), List.of(), null);
    }

    /**
     * The chart ending at {@code end}: {@code desiredSet} are the desired counts the target's successful
     * activities set, by when; {@code desiredNow} the service's desired count now; {@code since} when the
     * service was created (nothing is drawn before).
     */
    static ScalingChart of(String resourceId, Instant end, Instant since, NavigableMap<Instant, Integer> desiredSet, int desiredNow,
                           List<Task> tasks, Metric metric) {
        Instant start = end.minus(window(since, end));
        Instant from = since != null && since.isAfter(start) ? since : start;
        TreeMap<Instant, Integer> running = running(tasks);
        int runningNow = running.isEmpty() ? 0 : running.lastEntry().getValue();
        TreeMap<Instant, Integer> desired = new TreeMap<>(desiredSet);
        Map.Entry<Instant, Integer> before = desired.floorEntry(from);
        Instant desiredFrom;
        Integer desiredAtStart;
        if (desired.isEmpty()) {
            desiredFrom = from; // no activity ever set it: it is what it is now
            desiredAtStart = desiredNow;
        } else if (before != null) {
            desiredFrom = from;
            desiredAtStart = before.getValue();
        } else {
            desiredFrom = desired.firstKey(); // before the first activity the count is not known
            desiredAtStart = desired.firstEntry().getValue();
        }
        // the service's desired count now holds from the latest activity (UpdateService may have changed it since)
        desired.put(end, desiredNow);
        int top = Math.max(1, Math.max(desiredNow, Math.max(max(desired.values()), max(running.values()))));
        Band counts = new Band(start, end, COUNTS_TOP, COUNTS_BOTTOM, top);
        Map.Entry<Instant, Integer> runningBefore = running.floorEntry(from);
        String runningPoints = counts.steps(from, runningBefore == null ? 0 : runningBefore.getValue(), running);
        String desiredPoints = counts.steps(desiredFrom, desiredAtStart, desired);

        TreeMap<Instant, Double> byTime = new TreeMap<>();
        for (int i = 0; i < Math.min(metric.timestamps().size(), metric.values().size()); i++) {
            if (!metric.timestamps().get(i).isBefore(start)) {
                byTime.put(metric.timestamps().get(i), metric.values().get(i));
            }
        }
        double metricTop = metric.percent() ? 100 : 1;
        for (Double value : byTime.values()) {
            metricTop = Math.max(metricTop, value);
        }
        if (metric.threshold() != null) {
            metricTop = Math.max(metricTop, metric.threshold());
        }
        if (!metric.percent()) {
            metricTop = Math.ceil(metricTop * 11 / 10); // a tenth of room above the highest; 1.1 would make 100 into 111
        }
        Band band = new Band(start, end, METRIC_TOP, METRIC_BOTTOM, metricTop);
        List<Point> points = new ArrayList<>();
        byTime.forEach((at, value) -> points.add(new Point(fmt(band.x(at)), fmt(band.y(value)), number(value), at)));
        String metricPoints = String.join(" ", points.stream().map(p -> p.x() + "," + p.y()).toList());
        return new ScalingChart(resourceId, AwsTime.duration(Duration.between(start, end)), top, desiredPoints, runningPoints, desiredNow, runningNow,
                metric.label(), number(metricTop), metricPoints, points,
                metric.threshold() == null ? null : fmt(band.y(metric.threshold())),
                metric.threshold() == null ? null : number(metric.threshold()));
    }

    /** How much time the chart spans: since the service was created, from {@link #SHORTEST_WINDOW} up to {@link #WINDOW}. */
    static Duration window(Instant since, Instant end) {
        if (since == null) {
            return WINDOW;
        }
        Duration age = Duration.between(since, end);
        return age.compareTo(SHORTEST_WINDOW) < 0 ? SHORTEST_WINDOW : age.compareTo(WINDOW) > 0 ? WINDOW : age;
    }

    /** The running count after each change: +1 when a task started, −1 when it began stopping. */
    static TreeMap<Instant, Integer> running(List<Task> tasks) {
        TreeMap<Instant, Integer> changes = new TreeMap<>();
        for (Task task : tasks) {
            if (task.startedAt() == null) {
                continue;
            }
            changes.merge(task.startedAt(), 1, Integer::sum);
            Instant stopped = task.stoppingAt() != null ? task.stoppingAt() : task.stoppedAt();
            if (stopped != null) {
                changes.merge(stopped, -1, Integer::sum);
            }
        }
        TreeMap<Instant, Integer> running = new TreeMap<>();
        int count = 0;
        for (Map.Entry<Instant, Integer> change : changes.entrySet()) {
            count += change.getValue();
            running.put(change.getKey(), count);
        }
        return running;
    }

    /** One band of the chart: AWS time across, a value from 0 (its bottom) to {@code top} up. */
    private record Band(Instant start, Instant end, double yTop, double yBottom, double top) {
        double x(Instant at) {
            double span = Math.max(1, Duration.between(start, end).toMillis());
            double share = Math.min(1, Math.max(0, Duration.between(start, at).toMillis() / span));
            return LEFT + share * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return yBottom - Math.min(value, top) / top * (yBottom - yTop);
        }

        /** A step line from {@code from} at {@code atFrom}, changing to each value at its time, to the end. */
        String steps(Instant from, int atFrom, NavigableMap<Instant, Integer> changes) {
            StringBuilder points = new StringBuilder();
            int value = atFrom;
            points.append(fmt(x(from))).append(',').append(fmt(y(value)));
            for (Map.Entry<Instant, Integer> change : changes.tailMap(from, false).entrySet()) {
                if (change.getValue() == value) {
                    continue;
                }
                double x = x(change.getKey());
                points.append(' ').append(fmt(x)).append(',').append(fmt(y(value)));
                value = change.getValue();
                points.append(' ').append(fmt(x)).append(',').append(fmt(y(value)));
            }
            points.append(' ').append(fmt(x(end))).append(',').append(fmt(y(value)));
            return points.toString();
        }
    }

    private static int max(java.util.Collection<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A metric value as read: "52", "52.5". */
    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
