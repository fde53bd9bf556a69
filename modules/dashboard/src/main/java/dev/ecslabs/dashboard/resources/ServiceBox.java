package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One box of a cluster's picture: a service with its live tasks as chips (state, IP, revision), its
 * rollout chart, and its deployments and latest events folded away below; or, for the tasks that
 * no service started, the same box without the service parts.
 */
final class ServiceBox {
    private ServiceBox() {
    }

    static String service(Service service, List<Task> tasks, AwsTime time) {
        StringBuilder html = new StringBuilder("<div class=\"box ecs-service\" data-service=\"")
                .append(Html.escape(service.serviceName())).append("\"><h4>Service ").append(Html.escape(service.serviceName()))
                .append(" <span class=\"status\">").append(Html.escape(service.status())).append("</span></h4><p class=\"meta\">")
                .append(service.runningCount()).append("/").append(service.desiredCount()).append(" running, ")
                .append(service.pendingCount()).append(" pending · created ").append(time.ago(service.createdAt())).append("</p>")
                .append(chips(tasks.stream().filter(t -> !"STOPPED".equals(t.lastStatus())).toList()))
                .append(RolloutChart.render(service, tasks, time))
                .append("<details class=\"more\" data-key=\"deployments:").append(Html.escape(service.serviceArn()))
                .append("\"><summary>Deployments and events</summary><ul class=\"deployments\">");
        for (Deployment deployment : service.deployments()) {
            html.append("<li>").append(Html.escape(deployment.status())).append(" ")
                    .append(Html.escape(deployment.rolloutStateAsString() == null ? "" : deployment.rolloutStateAsString()))
                    .append(" · ").append(Html.escape(EcsSection.shortArn(deployment.taskDefinition()))).append(" · ")
                    .append(deployment.runningCount()).append("/").append(deployment.desiredCount()).append(" running · started ")
                    .append(time.ago(deployment.createdAt())).append("</li>");
        }
        html.append("</ul><ol class=\"events\">");
        for (ServiceEvent event : service.events().stream().limit(5).toList()) {
            html.append("<li>").append(time.ago(event.createdAt())).append(" ").append(Html.escape(event.message())).append("</li>");
        }
        return html.append("</ol></details></div>").toString();
    }

    static String standalone(List<Task> tasks) {
        List<Task> live = tasks.stream().filter(t -> !"STOPPED".equals(t.lastStatus())).toList();
        if (live.isEmpty()) {
            return "";
        }
        return "<div class=\"box standalone\"><h4>Tasks started with RunTask</h4>" + chips(live) + "</div>";
    }

    /** Each task as a chip: its state (coloured), private IP and task definition revision. */
    static String chips(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return "<p class=\"empty\">No task runs.</p>";
        }
        StringBuilder html = new StringBuilder("<ul class=\"chips\">");
        for (Task task : tasks) {
            html.append("<li class=\"chip\" data-status=\"").append(Html.escape(task.lastStatus())).append("\" data-task=\"")
                    .append(Html.escape(EcsSection.shortArn(task.taskArn()))).append("\" title=\"task ")
                    .append(Html.escape(EcsSection.shortArn(task.taskArn()))).append("\"><span class=\"state\">")
                    .append(Html.escape(task.lastStatus())).append("</span> <span class=\"ip\">")
                    .append(Html.escape(privateIp(task).orElse("no IP yet"))).append("</span> <span class=\"revision\">")
                    .append(Html.escape(EcsSection.shortArn(task.taskDefinitionArn()))).append("</span>")
                    .append(task.healthStatusAsString() != null && !"UNKNOWN".equals(task.healthStatusAsString())
                            ? " <span class=\"health\">" + Html.escape(task.healthStatusAsString()) + "</span>" : "")
                    .append("</li>");
        }
        return html.append("</ul>").toString();
    }

    static Optional<String> privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(d -> d.value()).findFirst();
    }
}
