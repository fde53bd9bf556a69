package dev.ecslabs.dashboard.resources;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Reads every cluster of the account with its services and tasks through the SDK, in the batches
 * the Describe calls take (100 clusters, 10 services, 100 tasks). A call the backend refuses is
 * noted once in {@link Unanswered} and not asked again for the other clusters.
 */
final class EcsReader {
    private final EcsClient ecs;
    private final Unanswered unanswered;

    EcsReader(EcsClient ecs, Unanswered unanswered) {
        this.ecs = ecs;
        this.unanswered = unanswered;
    }

    /** The clusters; an SDK exception from ListClusters goes to the caller, which says the section is unavailable. */
    List<ClusterView> read() {
        List<Cluster> clusters = new ArrayList<>();
        List<String> arns = ecs.listClustersPaginator().clusterArns().stream().toList();
        for (List<String> batch : EcsSection.batches(arns, 100)) {
            clusters.addAll(ecs.describeClusters(b -> b.clusters(batch)).clusters());
        }
        List<ClusterView> views = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            Cluster cluster = clusters.get(i);
            views.add(new ClusterView(cluster, services(cluster), tasks(cluster), i));
        }
        return views;
    }

    private List<Service> services(Cluster cluster) {
        List<Service> services = new ArrayList<>();
        if (unanswered.refused("ECS ListServices")) {
            return services;
        }
        try {
            List<String> arns = ecs.listServicesPaginator(b -> b.cluster(cluster.clusterArn())).serviceArns().stream().toList();
            for (List<String> batch : EcsSection.batches(arns, 10)) {
                services.addAll(ecs.describeServices(b -> b.cluster(cluster.clusterArn()).services(batch)).services());
            }
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            unanswered.add("ECS ListServices", e);
        }
        return services;
    }

    private List<Task> tasks(Cluster cluster) {
        List<Task> tasks = new ArrayList<>();
        if (unanswered.refused("ECS ListTasks")) {
            return tasks;
        }
        try {
            List<String> arns = new ArrayList<>();
            for (DesiredStatus desired : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                arns.addAll(ecs.listTasksPaginator(b -> b.cluster(cluster.clusterArn()).desiredStatus(desired)).taskArns().stream().toList());
            }
            for (List<String> batch : EcsSection.batches(arns, 100)) {
                tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster.clusterArn()).tasks(batch)).tasks());
            }
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            unanswered.add("ECS ListTasks", e);
        }
        return tasks;
    }
}
