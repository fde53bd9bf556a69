package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A task's lifecycle as a timeline: the steps it has reached, each at the time ECS recorded
 * (created, image pulled, started, stopping, stopped), and the state it is in now.
 */
final class TaskTimeline {
    private TaskTimeline() {
    }

    static String render(Task task) {
        Map<String, Instant> steps = new LinkedHashMap<>();
        steps.put("PROVISIONING", task.createdAt());
        steps.put("PULL STARTED", task.pullStartedAt());
        steps.put("PULLED", task.pullStoppedAt());
        steps.put("RUNNING", task.startedAt());
        steps.put("STOPPING", task.stoppingAt());
        steps.put("STOPPED", task.stoppedAt());
        StringBuilder html = new StringBuilder("<ol class=\"timeline\">");
        steps.forEach((step, at) -> {
            if (at != null) {
                html.append("<li>").append(Html.escape(step)).append(" ").append(Html.clock(at)).append("</li>");
            }
        });
        html.append("<li class=\"now\">now ").append(Html.escape(task.lastStatus())).append("</li>");
        return html.append("</ol>").toString();
    }
}
