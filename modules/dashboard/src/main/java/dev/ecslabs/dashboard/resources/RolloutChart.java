package dev.ecslabs.dashboard.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A service's rollout as a small SVG chart drawn on the server: the number of RUNNING tasks of each
 * deployment over time (AWS time, up to now), one step line per deployment, so a learner sees the
 * new revision's tasks come up as the old ones go. A task counts for its deployment (its
 * {@code startedBy}) from {@code startedAt} until it begins stopping ({@code stoppingAt}).
 */
record RolloutChart(String service, String span, int max, String desiredY, int desired, List<Line> lines) {
    static final int WIDTH = 420;
    static final int HEIGHT = 120;
    static final int LEFT = 30;
    static final int RIGHT = 10;
    static final int TOP = 10;
    static final int BOTTOM = 22;

    /** One deployment's line: who it is, and its running count at each change. */
    record Series(String id, String status, String revision, TreeMap<Instant, Integer> steps, int runningNow) {
    }

    /** A series as drawn: its class ({@code primary}, {@code active}, {@code earlier}) and its step line's points. */
    record Line(Series series, String kind, String points) {
    }

    /** The chart of a service's deployments (template {@code resources/rolloutChart.jte}); null before any of its tasks ran. */
    static RolloutChart of(Service service, List<Task> tasks, AwsTime time) {
        List<Series> series = series(service, tasks);
        if (series.isEmpty()) {
            return null;
        }
        Instant end = time.awsNow();
        Instant start = series.stream().flatMap(s -> s.steps().keySet().stream()).min(Instant::compareTo).orElse(end);
        for (Deployment deployment : service.deployments()) {
            if (deployment.createdAt() != null && deployment.createdAt().isBefore(start)) {
                start = deployment.createdAt();
            }
        }
        if (Duration.between(start, end).compareTo(Duration.ofSeconds(10)) < 0) {
            start = end.minusSeconds(10);
        }
        int max = Math.max(1, Math.max(count(service.desiredCount()),
                series.stream().flatMap(s -> s.steps().values().stream()).mapToInt(Integer::intValue).max().orElse(0)));
        double span = Duration.between(start, end).toMillis();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        String desiredY = count(service.desiredCount()) > 0 ? fmt(TOP + plotHeight - count(service.desiredCount()) * plotHeight / max) : null;
        List<Line> lines = new ArrayList<>();
        for (Series line : series) {
            StringBuilder points = new StringBuilder();
            int running = 0;
            points.append(fmt(LEFT)).append(',').append(fmt(TOP + plotHeight));
            for (Map.Entry<Instant, Integer> step : line.steps().entrySet()) {
                double x = LEFT + Duration.between(start, step.getKey()).toMillis() / span * plotWidth;
                points.append(' ').append(fmt(x)).append(',').append(fmt(TOP + plotHeight - running * plotHeight / max));
                running = step.getValue();
                points.append(' ').append(fmt(x)).append(',').append(fmt(TOP + plotHeight - running * plotHeight / max));
            }
            points.append(' ').append(fmt(WIDTH - RIGHT)).append(',').append(fmt(TOP + plotHeight - running * plotHeight / max));
            lines.add(new Line(line, line.status().toLowerCase(Locale.ROOT), points.toString()));
        }
        return new RolloutChart(service.serviceName(), AwsTime.duration(Duration.between(start, end)), max, desiredY,
                count(service.desiredCount()), lines);
    }

    /** One series per deployment: the service's current ones first (PRIMARY, then ACTIVE), then earlier ones its tasks name. */
    static List<Series> series(Service service, List<Task> tasks) {
        Map<String, String[]> deployments = new LinkedHashMap<>();
        service.deployments().stream().sorted((a, b) -> "PRIMARY".equals(a.status()) ? -1 : "PRIMARY".equals(b.status()) ? 1 : 0)
                .forEach(d -> deployments.put(d.id(), new String[] {d.status(), EcsSection.shortArn(d.taskDefinition())}));
        for (Task task : tasks) {
            if (task.startedBy() != null && !deployments.containsKey(task.startedBy())) {
                deployments.put(task.startedBy(), new String[] {"EARLIER", EcsSection.shortArn(task.taskDefinitionArn())});
            }
        }
        List<Series> series = new ArrayList<>();
        deployments.forEach((id, about) -> {
            TreeMap<Instant, Integer> changes = new TreeMap<>();
            int runningNow = 0;
            for (Task task : tasks) {
                if (!id.equals(task.startedBy()) || task.startedAt() == null) {
                    continue;
                }
                changes.merge(task.startedAt(), 1, Integer::sum);
                Instant stopped = task.stoppingAt() != null ? task.stoppingAt() : task.stoppedAt();
                if (stopped != null) {
                    changes.merge(stopped, -1, Integer::sum);
                } else {
                    runningNow++;
                }
            }
            TreeMap<Instant, Integer> steps = new TreeMap<>();
            int running = 0;
            for (Map.Entry<Instant, Integer> change : changes.entrySet()) {
                running += change.getValue();
                steps.put(change.getKey(), running);
            }
            if (!steps.isEmpty() || !"EARLIER".equals(about[0])) {
                series.add(new Series(id, about[0], Objects.requireNonNullElse(about[1], ""), steps, runningNow));
            }
        });
        return series;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}
