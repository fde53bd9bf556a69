package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A task's lifecycle as a timeline that reads the same on any clock: each step it reached as a
 * duration after the one before ("RUNNING 20 s after PULLED") in AWS time, the first as how long
 * ago it was created (with the real time beside), and the state it is in now.
 */
final class TaskTimeline {
    private TaskTimeline() {
    }

    static String render(Task task, AwsTime time) {
        Map<String, Instant> steps = new LinkedHashMap<>();
        steps.put("PROVISIONING", task.createdAt());
        steps.put("PULL STARTED", task.pullStartedAt());
        steps.put("PULLED", task.pullStoppedAt());
        steps.put("RUNNING", task.startedAt());
        steps.put("STOPPING", task.stoppingAt());
        steps.put("STOPPED", task.stoppedAt());
        StringBuilder html = new StringBuilder("<ol class=\"timeline\">");
        String previous = null;
        Instant previousAt = null;
        for (Map.Entry<String, Instant> step : steps.entrySet()) {
            Instant at = step.getValue();
            if (at == null) {
                continue;
            }
            html.append("<li data-step=\"").append(Html.escape(step.getKey())).append("\">").append(Html.escape(step.getKey()));
            if (previous == null) {
                html.append(" ").append(time.ago(at));
            } else {
                html.append(" <span class=\"after\">").append(AwsTime.duration(Duration.between(previousAt, at)))
                        .append(" after ").append(Html.escape(previous)).append("</span>");
            }
            html.append("</li>");
            previous = step.getKey();
            previousAt = at;
        }
        html.append("<li class=\"now\">now ").append(Html.escape(task.lastStatus())).append("</li>");
        return html.append("</ol>").toString();
    }
}
