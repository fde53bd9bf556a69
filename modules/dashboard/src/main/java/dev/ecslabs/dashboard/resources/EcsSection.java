package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS on the resources page: each cluster with its services (deployments and latest events) and
 * its tasks, each task as the timeline of the states it went through, with its IP and why it stopped.
 */
final class EcsSection {
    private EcsSection() {
    }

    static String render(EcsClient ecs) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"ecs\"><h2>ECS clusters</h2>");
        List<Cluster> clusters = new ArrayList<>();
        try {
            List<String> arns = ecs.listClustersPaginator().clusterArns().stream().toList();
            for (List<String> batch : batches(arns, 100)) {
                clusters.addAll(ecs.describeClusters(b -> b.clusters(batch)).clusters());
            }
        } catch (SdkException e) {
            return html.append(Markup.unavailable("ECS ListClusters", e)).append("</section>").toString();
        }
        if (clusters.isEmpty()) {
            html.append(Markup.empty("clusters"));
        }
        Unanswered unanswered = new Unanswered();
        for (Cluster cluster : clusters) {
            html.append("<article class=\"cluster\" data-name=\"").append(Html.escape(cluster.clusterName())).append("\"><h3>")
                    .append(Html.escape(cluster.clusterName())).append(" <span class=\"status\">")
                    .append(Html.escape(cluster.status())).append("</span></h3><p class=\"meta\">")
                    .append(cluster.runningTasksCount()).append(" running, ").append(cluster.pendingTasksCount())
                    .append(" pending tasks · ").append(cluster.activeServicesCount()).append(" services</p>")
                    .append(services(ecs, cluster, unanswered)).append(tasks(ecs, cluster, unanswered)).append("</article>");
        }
        return html.append(unanswered.render()).append("</section>").toString();
    }

    private static String services(EcsClient ecs, Cluster cluster, Unanswered unanswered) {
        List<Service> services = new ArrayList<>();
        if (unanswered.refused("ECS ListServices")) {
            return "";
        }
        try {
            List<String> arns = ecs.listServicesPaginator(b -> b.cluster(cluster.clusterArn())).serviceArns().stream().toList();
            for (List<String> batch : batches(arns, 10)) {
                services.addAll(ecs.describeServices(b -> b.cluster(cluster.clusterArn()).services(batch)).services());
            }
        } catch (SdkException e) {
            unanswered.add("ECS ListServices", e);
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (Service service : services) {
            html.append("<div class=\"ecs-service\"><h4>Service ").append(Html.escape(service.serviceName()))
                    .append(" <span class=\"status\">").append(Html.escape(service.status())).append("</span></h4><p class=\"meta\">")
                    .append(service.runningCount()).append("/").append(service.desiredCount()).append(" running, ")
                    .append(service.pendingCount()).append(" pending</p><ul class=\"deployments\">");
            for (Deployment deployment : service.deployments()) {
                html.append("<li>").append(Html.escape(deployment.status())).append(" ")
                        .append(Html.escape(deployment.rolloutStateAsString() == null ? "" : deployment.rolloutStateAsString()))
                        .append(" · ").append(Html.escape(shortArn(deployment.taskDefinition()))).append(" · ")
                        .append(deployment.runningCount()).append("/").append(deployment.desiredCount()).append(" running</li>");
            }
            html.append("</ul><ol class=\"events\">");
            for (ServiceEvent event : service.events().stream().limit(5).toList()) {
                html.append("<li>").append(Html.clock(event.createdAt())).append(" ").append(Html.escape(event.message())).append("</li>");
            }
            html.append("</ol></div>");
        }
        return html.toString();
    }

    private static String tasks(EcsClient ecs, Cluster cluster, Unanswered unanswered) {
        List<Task> tasks = new ArrayList<>();
        if (unanswered.refused("ECS ListTasks")) {
            return "";
        }
        try {
            List<String> arns = new ArrayList<>();
            for (DesiredStatus desired : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                arns.addAll(ecs.listTasksPaginator(b -> b.cluster(cluster.clusterArn()).desiredStatus(desired)).taskArns().stream().toList());
            }
            for (List<String> batch : batches(arns, 100)) {
                tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster.clusterArn()).tasks(batch)).tasks());
            }
        } catch (SdkException e) {
            unanswered.add("ECS ListTasks", e);
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (Task task : tasks) {
            html.append("<div class=\"task\" data-status=\"").append(Html.escape(task.lastStatus())).append("\"><h4>Task ")
                    .append(Html.escape(shortArn(task.taskArn()))).append(" <span class=\"status\">").append(Html.escape(task.lastStatus()))
                    .append("</span> → ").append(Html.escape(task.desiredStatus())).append("</h4><p class=\"meta\">")
                    .append(Html.escape(shortArn(task.taskDefinitionArn()))).append(privateIp(task).map(ip -> " · IP " + Html.escape(ip)).orElse(""))
                    .append("</p>").append(TaskTimeline.render(task));
            if (task.stoppedReason() != null) {
                html.append("<p class=\"stopped\">").append(Html.escape(task.stopCodeAsString() == null ? "" : task.stopCodeAsString() + ": "))
                        .append(Html.escape(task.stoppedReason())).append("</p>");
            }
            html.append("</div>");
        }
        return html.toString();
    }

    private static Optional<String> privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(d -> d.value()).findFirst();
    }

    /** The part of an ARN after the last slash: the task's id, the task definition's family:revision. */
    static String shortArn(String arn) {
        return arn == null ? "" : arn.substring(arn.lastIndexOf('/') + 1);
    }

    static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            batches.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return batches;
    }
}
