package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
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
final class RolloutChart {
    private static final int WIDTH = 420;
    private static final int HEIGHT = 120;
    private static final int LEFT = 30;
    private static final int RIGHT = 10;
    private static final int TOP = 10;
    private static final int BOTTOM = 22;

    /** One deployment's line: who it is, and its running count at each change. */
    record Series(String id, String status, String revision, TreeMap<Instant, Integer> steps, int runningNow) {
    }

    private RolloutChart() {
    }

    static String render(Service service, List<Task> tasks, AwsTime time) {
        List<Series> series = series(service, tasks);
        if (series.isEmpty()) {
            return "";
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
        StringBuilder svg = new StringBuilder("<figure class=\"rollout\"><svg class=\"rollout-chart\" data-service=\"")
                .append(Html.escape(service.serviceName())).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape("Running tasks per deployment of " + service.serviceName() + " over the last "
                        + AwsTime.duration(Duration.between(start, end)) + " of AWS time"))
                .append("\"><line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>")
                .append(label(LEFT - 4, TOP + 4, "end", String.valueOf(max)))
                .append(label(LEFT - 4, HEIGHT - BOTTOM, "end", "0"))
                .append(label(LEFT, HEIGHT - 6, "start", "−" + AwsTime.duration(Duration.between(start, end))))
                .append(label(WIDTH - RIGHT, HEIGHT - 6, "end", "now"));
        if (count(service.desiredCount()) > 0) {
            double y = TOP + plotHeight - count(service.desiredCount()) * plotHeight / max;
            svg.append("<line class=\"desired\" x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(fmt(y)).append("\"><title>desired count ")
                    .append(service.desiredCount()).append("</title></line>");
        }
        StringBuilder legend = new StringBuilder("<figcaption><ul class=\"legend\">");
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
            String kind = line.status().toLowerCase(Locale.ROOT);
            svg.append("<polyline class=\"deployment ").append(Html.escape(kind)).append("\" data-deployment=\"")
                    .append(Html.escape(line.id())).append("\" data-status=\"").append(Html.escape(line.status()))
                    .append("\" data-revision=\"").append(Html.escape(line.revision())).append("\" data-running-now=\"")
                    .append(line.runningNow()).append("\" points=\"").append(points).append("\"><title>")
                    .append(Html.escape(line.status() + " " + line.revision() + ": " + line.runningNow() + " running now"))
                    .append("</title></polyline>");
            legend.append("<li class=\"").append(Html.escape(kind)).append("\"><span class=\"swatch\"></span>")
                    .append(Html.escape(line.status())).append(" ").append(Html.escape(line.revision())).append(" · ")
                    .append(line.runningNow()).append(" running</li>");
        }
        return svg.append("</svg>").append(legend).append("</ul></figcaption></figure>").toString();
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

    private static String label(int x, int y, String anchor, String text) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + Html.escape(text) + "</text>";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}
