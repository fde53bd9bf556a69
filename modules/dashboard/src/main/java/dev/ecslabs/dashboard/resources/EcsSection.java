package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
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
record EcsSection(List<ClusterView> clusters, AwsTime time, Unanswered unanswered, String unavailable,
                  Function<Task, TaskWorkloads> workloads) {
    /** How many clusters in use are shown open at first; the learner opens the others. */
    static final int OPEN_AT_FIRST = 3;

    /** The section when ListClusters itself failed. */
    static String unavailable(SdkException e) {
        return Pages.render("resources/ecs.jte", new EcsSection(List.of(), null, new Unanswered(), Markup.why(e), task -> TaskWorkloads.NONE));
    }

    /** The section (template {@code resources/ecs.jte}): the clusters newest first, each call the backend refused said once at the end. */
    static String render(List<ClusterView> read, AwsTime time, Unanswered unanswered) {
        return render(read, time, unanswered, task -> TaskWorkloads.NONE);
    }

    /** The section, with {@code workloads} telling what runs for each task that is not STOPPED (its runtime, its local URLs). */
    static String render(List<ClusterView> read, AwsTime time, Unanswered unanswered, Function<Task, TaskWorkloads> workloads) {
        List<ClusterView> clusters = new ArrayList<>(read);
        clusters.sort(ClusterView.NEWEST_FIRST);
        return Pages.render("resources/ecs.jte", new EcsSection(clusters, time, unanswered, null, workloads));
    }

    List<ClusterView> inUse() {
        return clusters.stream().filter(ClusterView::inUse).toList();
    }

    List<ClusterView> idle() {
        return clusters.stream().filter(c -> !c.inUse()).toList();
    }

    /** A cluster's services that still exist, newest first. */
    static List<Service> services(ClusterView view) {
        return view.services().stream().filter(s -> !"INACTIVE".equals(s.status()))
                .sorted(Comparator.comparing(Service::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
    }

    static List<Task> newestFirst(List<Task> tasks) {
        return tasks.stream().sorted(Comparator.comparing(Task::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
    }

    static long stopped(List<Task> tasks) {
        return tasks.stream().filter(t -> "STOPPED".equals(t.lastStatus())).count();
    }

    /** "1 cluster", "40 clusters". */
    static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
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
