package dev.ecslabs.labkit.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/**
 * Deletes ECS resources in the order ECS allows: services first (forced, so their tasks stop),
 * other tasks stopped, then, once nothing runs in them, the clusters; then task definitions
 * (deregistered, then deleted). What is gone already counts as deleted.
 */
final class EcsCleanup {
    static final String STOP_REASON = "Deleted after the tests that created it (labkit clean-up)";

    private final EcsClient ecs;
    private final Poll poll;
    private final ResourceSet deleted;
    private final List<String> problems;

    EcsCleanup(EcsClient ecs, Poll poll, ResourceSet deleted, List<String> problems) {
        this.ecs = ecs;
        this.poll = poll;
        this.deleted = deleted;
        this.problems = problems;
    }

    void delete(ResourceSet what) {
        Set<ResourceSet.InCluster> services = new LinkedHashSet<>(what.services());
        Set<ResourceSet.InCluster> tasks = new LinkedHashSet<>(what.tasks());
        for (String cluster : what.clusters()) {
            services.addAll(inCluster(cluster, false));
        }
        for (ResourceSet.InCluster service : services) {
            deleteService(service);
        }
        for (String cluster : what.clusters()) {
            tasks.addAll(inCluster(cluster, true));
        }
        for (ResourceSet.InCluster task : tasks) {
            stopTask(task);
        }
        // A cluster can only go once no service is ACTIVE or DRAINING and no task runs in it.
        poll.until(() -> settled(services, what.clusters()), done -> done);
        for (String cluster : what.clusters()) {
            deleteCluster(cluster);
        }
        deleteTaskDefinitions(what.taskDefinitions());
    }

    /** The services (or the running tasks) of a cluster; none when the cluster is gone. */
    private List<ResourceSet.InCluster> inCluster(String cluster, boolean tasks) {
        try {
            List<String> arns = tasks
                    ? ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)).taskArns().stream().toList()
                    : ecs.listServicesPaginator(b -> b.cluster(cluster)).serviceArns().stream().toList();
            return arns.stream().map(arn -> new ResourceSet.InCluster(cluster, arn)).toList();
        } catch (ClusterNotFoundException gone) {
            return List.of();
        } catch (AwsServiceException e) {
            problems.add("Could not list what runs in the cluster " + shortArn(cluster) + ": " + e.getMessage());
            return List.of();
        }
    }

    private void deleteService(ResourceSet.InCluster service) {
        try {
            ecs.deleteService(b -> b.cluster(service.cluster()).service(service.arn()).force(true));
            deleted.addService(service.cluster(), service.arn());
        } catch (ServiceNotFoundException | ServiceNotActiveException | ClusterNotFoundException gone) {
            deleted.addService(service.cluster(), service.arn());
        } catch (AwsServiceException e) {
            problems.add("Could not delete the service " + shortArn(service.arn()) + ": " + e.getMessage());
        }
    }

    private void stopTask(ResourceSet.InCluster task) {
        try {
            ecs.stopTask(b -> b.cluster(task.cluster()).task(task.arn()).reason(STOP_REASON));
            deleted.addTask(task.cluster(), task.arn());
        } catch (ClusterNotFoundException | InvalidParameterException gone) {
            // ECS answers InvalidParameterException for a task it no longer knows
            deleted.addTask(task.cluster(), task.arn());
        } catch (AwsServiceException e) {
            problems.add("Could not stop the task " + shortArn(task.arn()) + ": " + e.getMessage());
        }
    }

    /** True when every service is INACTIVE (or gone) and no task runs or waits in the clusters. */
    private boolean settled(Set<ResourceSet.InCluster> services, List<String> clusters) {
        try {
            for (ResourceSet.InCluster service : services) {
                List<Service> described = ecs.describeServices(b -> b.cluster(service.cluster()).services(service.arn())).services();
                if (!described.isEmpty() && !"INACTIVE".equals(described.get(0).status())) {
                    return false;
                }
            }
            for (List<String> batch : batches(clusters, 100)) {
                for (Cluster cluster : ecs.describeClusters(b -> b.clusters(batch)).clusters()) {
                    if ("ACTIVE".equals(cluster.status()) && (count(cluster.runningTasksCount()) + count(cluster.pendingTasksCount()) > 0
                            || count(cluster.activeServicesCount()) > 0)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (ClusterNotFoundException gone) {
            return true;
        }
    }

    private void deleteCluster(String cluster) {
        try {
            ecs.deleteCluster(b -> b.cluster(cluster));
            deleted.addCluster(cluster);
        } catch (ClusterNotFoundException gone) {
            deleted.addCluster(cluster);
        } catch (AwsServiceException e) {
            problems.add("Could not delete the cluster " + shortArn(cluster) + ": " + e.getMessage());
        }
    }

    private void deleteTaskDefinitions(List<String> arns) {
        List<String> deregistered = new ArrayList<>();
        for (String arn : arns) {
            try {
                ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn));
                deregistered.add(arn);
            } catch (AwsServiceException alreadyInactive) {
                // An INACTIVE revision can't be deregistered again; it can still be deleted.
                deregistered.add(arn);
            }
        }
        for (List<String> batch : batches(deregistered, 10)) {
            try {
                ecs.deleteTaskDefinitions(b -> b.taskDefinitions(batch));
                batch.forEach(deleted::addTaskDefinition);
            } catch (AwsServiceException e) {
                problems.add("Could not delete the task definitions " + String.join(", ", batch.stream().map(EcsCleanup::shortArn)
                        .toList()) + ": " + e.getMessage());
            }
        }
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    static String shortArn(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            batches.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return batches;
    }
}
