package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The EC2 capacity of each cluster on the resources page: every container instance (EC2 instance id,
 * instance type, Availability Zone, status, whether its agent is connected), its registered against
 * its remaining CPU units and MiB of memory drawn as bars of what tasks hold, and the tasks running
 * on it. Only clusters with container instances appear; the section only when one has some.
 */
record ContainerInstancesSection(List<ClusterInstances> clusters, Unanswered unanswered) {

    /** A cluster with its container instances. */
    record ClusterInstances(String cluster, List<InstanceView> instances) {
    }

    /** A container instance, its CPU and memory, and the tasks on it that have not stopped. */
    record InstanceView(ContainerInstance instance, Usage cpu, Usage memory, List<Task> tasks) {
        String attribute(String name) {
            return instance.attributes().stream().filter(a -> name.equals(a.name())).map(Attribute::value).findFirst().orElse("");
        }
    }

    /** One resource of an instance: what it registered, what is left, and the share tasks hold, in percent. */
    record Usage(String name, int registered, int remaining, String unit) {
        int used() {
            return Math.max(0, registered - remaining);
        }

        String percentUsed() {
            return registered <= 0 ? "0" : String.format(Locale.ROOT, "%.0f", 100.0 * used() / registered);
        }
    }

    boolean isEmpty() {
        return clusters.isEmpty() && unanswered.byAction().isEmpty();
    }

    /** The container instances of each cluster read by the ECS section (template {@code resources/containerInstances.jte}). */
    static ContainerInstancesSection read(EcsClient ecs, List<ClusterView> clusters) {
        Unanswered unanswered = new Unanswered();
        List<ClusterInstances> withInstances = new ArrayList<>();
        for (ClusterView cluster : clusters) {
            if (unanswered.refused("ECS ListContainerInstances")) {
                break;
            }
            Integer registered = cluster.cluster().registeredContainerInstancesCount();
            if (registered != null && registered == 0) {
                continue; // DescribeClusters said so already: a page of 40 Fargate clusters asks nothing more
            }
            try {
                List<String> arns = ecs.listContainerInstancesPaginator(b -> b.cluster(cluster.cluster().clusterArn()))
                        .containerInstanceArns().stream().toList();
                List<InstanceView> instances = new ArrayList<>();
                for (List<String> batch : EcsSection.batches(arns, 100)) {
                    for (ContainerInstance instance : ecs.describeContainerInstances(b -> b.cluster(cluster.cluster().clusterArn())
                            .containerInstances(batch)).containerInstances()) {
                        instances.add(new InstanceView(instance, usage(instance, "CPU", "CPU units"), usage(instance, "MEMORY", "MiB"),
                                cluster.tasks().stream().filter(t -> instance.containerInstanceArn().equals(t.containerInstanceArn())
                                        && !"STOPPED".equals(t.lastStatus())).toList()));
                    }
                }
                if (!instances.isEmpty()) {
                    withInstances.add(new ClusterInstances(cluster.cluster().clusterName(), instances));
                }
            } catch (SdkException e) {
                unanswered.add("ECS ListContainerInstances", e);
            }
        }
        return new ContainerInstancesSection(withInstances, unanswered);
    }

    String render() {
        return Pages.render("resources/containerInstances.jte", this);
    }

    private static Usage usage(ContainerInstance instance, String name, String unit) {
        return new Usage(name, integer(instance.registeredResources(), name), integer(instance.remainingResources(), name), unit);
    }

    private static int integer(List<Resource> resources, String name) {
        return resources.stream().filter(r -> name.equals(r.name()) && r.integerValue() != null).mapToInt(Resource::integerValue)
                .findFirst().orElse(0);
    }
}
