package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Html;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS on the resources page, drawn so that it stays usable with many clusters: clusters in use
 * first, newest first, each a picture of its services and their tasks, the newest few open and the
 * rest folded; clusters with nothing running folded together into one line.
 */
final class EcsSection {
    /** How many clusters in use are shown open at first; the learner opens the others. */
    static final int OPEN_AT_FIRST = 3;

    private EcsSection() {
    }

    /** The section when ListClusters itself failed. */
    static String unavailable(SdkException e) {
        return "<section class=\"service\" id=\"ecs\"><h2>ECS clusters</h2>" + Markup.unavailable("ECS ListClusters", e) + "</section>";
    }

    static String render(List<ClusterView> read, AwsTime time, Unanswered unanswered) {
        return render(read, time, unanswered, task -> "");
    }

    /** The section, with {@code workloads} adding what it knows of each task that is not STOPPED (its runtime, its local URLs). */
    static String render(List<ClusterView> read, AwsTime time, Unanswered unanswered, Function<Task, String> workloads) {
        StringBuilder html = new StringBuilder("<section class=\"service\" id=\"ecs\"><h2>ECS clusters");
        List<ClusterView> clusters = new ArrayList<>(read);
        clusters.sort(ClusterView.NEWEST_FIRST);
        List<ClusterView> inUse = clusters.stream().filter(ClusterView::inUse).toList();
        List<ClusterView> idle = clusters.stream().filter(c -> !c.inUse()).toList();
        html.append(" <span class=\"count\">").append(clusters.size()).append(clusters.size() == 1 ? " cluster" : " clusters")
                .append(", ").append(inUse.size()).append(" in use</span></h2>");
        if (clusters.isEmpty()) {
            html.append(Markup.empty("clusters"));
        }
        for (int i = 0; i < inUse.size(); i++) {
            html.append(cluster(inUse.get(i), time, i < OPEN_AT_FIRST, workloads));
        }
        if (!idle.isEmpty()) {
            html.append("<details class=\"idle\" data-key=\"idle-clusters\"><summary>").append(idle.size())
                    .append(idle.size() == 1 ? " cluster" : " clusters").append(" with nothing running, newest first</summary>");
            for (ClusterView cluster : idle) {
                html.append(cluster(cluster, time, false, workloads));
            }
            html.append("</details>");
        }
        return html.append(unanswered.render()).append("</section>").toString();
    }

    private static String cluster(ClusterView view, AwsTime time, boolean open, Function<Task, String> workloads) {
        String name = view.cluster().clusterName();
        StringBuilder html = new StringBuilder("<article class=\"cluster\" data-name=\"").append(Html.escape(name))
                .append("\"><details data-key=\"cluster:").append(Html.escape(view.cluster().clusterArn())).append("\"")
                .append(open ? " open" : "").append("><summary><h3>").append(Html.escape(name)).append(" <span class=\"status\">")
                .append(Html.escape(view.cluster().status())).append("</span></h3> <span class=\"meta\">")
                .append(view.cluster().runningTasksCount()).append(" running, ").append(view.cluster().pendingTasksCount())
                .append(" pending tasks · ").append(view.cluster().activeServicesCount()).append(" services")
                .append(view.latestActivity() == null ? "" : " · last change " + time.ago(view.latestActivity()))
                .append("</span></summary>");
        List<Service> services = view.services().stream().filter(s -> !"INACTIVE".equals(s.status()))
                .sorted(Comparator.comparing(Service::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        String standalone = ServiceBox.standalone(view.standaloneTasks());
        if (!services.isEmpty() || !standalone.isEmpty()) {
            html.append("<div class=\"cluster-picture\">");
            services.forEach(service -> html.append(ServiceBox.service(service, view.tasksOf(service), time)));
            html.append(standalone).append("</div>");
        }
        html.append(tasks(view, time, workloads)).append("</details></article>");
        return html.toString();
    }

    /** Every task with its timeline and, once stopped, why; newest first and folded away. */
    private static String tasks(ClusterView view, AwsTime time, Function<Task, String> workloads) {
        if (view.tasks().isEmpty()) {
            return "";
        }
        List<Task> tasks = view.tasks().stream()
                .sorted(Comparator.comparing(Task::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        long stopped = tasks.stream().filter(t -> "STOPPED".equals(t.lastStatus())).count();
        StringBuilder html = new StringBuilder("<details class=\"tasks\" data-key=\"tasks:")
                .append(Html.escape(view.cluster().clusterArn())).append("\"><summary>").append(tasks.size())
                .append(tasks.size() == 1 ? " task" : " tasks").append(stopped > 0 ? " (" + stopped + " stopped)" : "")
                .append(": timelines</summary>");
        for (Task task : tasks) {
            html.append("<div class=\"task\" data-status=\"").append(Html.escape(task.lastStatus())).append("\"><h4>Task ")
                    .append(Html.escape(shortArn(task.taskArn()))).append(" <span class=\"status\">").append(Html.escape(task.lastStatus()))
                    .append("</span> → ").append(Html.escape(task.desiredStatus())).append("</h4><p class=\"meta\">")
                    .append(Html.escape(shortArn(task.taskDefinitionArn())))
                    .append(ServiceBox.privateIp(task).map(ip -> " · IP " + Html.escape(ip)).orElse(""))
                    .append(task.group() == null ? "" : " · " + Html.escape(task.group())).append("</p>")
                    .append(TaskTimeline.render(task, time)).append(StopReason.render(task))
                    .append("STOPPED".equals(task.lastStatus()) ? "" : workloads.apply(task)).append("</div>");
        }
        return html.append("</details>").toString();
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
