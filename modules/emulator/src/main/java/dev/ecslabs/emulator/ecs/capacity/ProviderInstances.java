package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.autoscaling.groups.AutoScalingGroupRecord;
import dev.ecslabs.emulator.autoscaling.groups.GroupInstanceListener;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.ecs.instance.ContainerInstanceActions;
import dev.ecslabs.emulator.ecs.instance.ContainerInstanceViews;
import dev.ecslabs.emulator.ecs.instance.ContainerInstances;
import dev.ecslabs.emulator.ecs.instance.InstanceRegistrations;
import dev.ecslabs.emulator.ecs.instance.InstanceTypes;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ManagedDraining;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * What the ECS container agent on an Auto Scaling group's instance does: when the instance is
 * InService it registers with a cluster, as the ECS-optimized AMI's agent does with the
 * {@code ECS_CLUSTER} of its user data. The launch template (and its user data) is EC2's, which
 * this emulator does not serve, so the cluster is, in this order: the group's tag
 * {@value #CLUSTER_TAG} (its value a cluster name, standing in for {@code ECS_CLUSTER=} in the user
 * data), the cluster the group's capacity provider is associated with, else {@code default}, the
 * agent's own default. An instance whose cluster does not exist yet registers once it does. The
 * container instance carries the capacity provider's name. When the group starts terminating an
 * instance whose provider has managed draining (the default), the container instance goes DRAINING
 * first and its service tasks are started elsewhere, as ECS drains it before it lets the termination
 * go on (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-draining.html);
 * once the instance is gone, whatever still runs on it stops ("Host EC2 (instance …) terminated.")
 * and the container instance goes INACTIVE.
 */
public final class ProviderInstances implements GroupInstanceListener {
    public static final String CLUSTER_TAG = "ECS_CLUSTER";

    private final Fargate capacity;
    private final Consumer<AccountRegion> instancesChanged;

    public ProviderInstances(Fargate capacity, Consumer<AccountRegion> instancesChanged) {
        this.capacity = capacity;
        this.instancesChanged = instancesChanged;
    }

    @Override
    public void inService(AccountRegion region, AutoScalingGroupRecord group, Instance instance, String subnetId) {
        if (register(region, group, instance, subnetId)) {
            instancesChanged.accept(region);
        }
    }

    /** Registers the group's InService instances that are in no cluster yet (their cluster may have been created since). */
    void registerWaiting(AccountRegion region, AutoScalingGroupRecord group, Function<Instance, String> subnetOf) {
        boolean any = false;
        for (Instance instance : group.group().instances()) {
            if (instance.lifecycleState() == LifecycleState.IN_SERVICE
                    && containerInstance(region, instance.instanceId()).isEmpty()) {
                any |= register(region, group, instance, subnetOf.apply(instance));
            }
        }
        if (any) {
            instancesChanged.accept(region);
        }
    }

    private boolean register(AccountRegion region, AutoScalingGroupRecord group, Instance instance, String subnetId) {
        Optional<CapacityProvider> provider = AutoScalingCapacityProviders.of(region).usingGroup(group.arn(), group.name());
        Optional<Cluster> cluster = cluster(region, group, provider);
        Optional<InstanceTypes.InstanceType> type = InstanceTypes.find(instance.instanceType());
        if (cluster.isEmpty() || type.isEmpty() || subnetId == null) {
            return false;
        }
        InstanceRegistrations.launch(region, cluster.get(), type.get(), subnetId, List.of(),
                provider.map(CapacityProvider::name).orElse(null), instance.instanceId());
        return true;
    }

    private static Optional<Cluster> cluster(AccountRegion region, AutoScalingGroupRecord group, Optional<CapacityProvider> provider) {
        Optional<String> tagged = group.group().tags().stream().filter(t -> CLUSTER_TAG.equals(t.key()))
                .map(TagDescription::value).findFirst();
        if (tagged.isPresent()) {
            return Clusters.of(region).find(tagged.get()).filter(c -> Clusters.ACTIVE.equals(c.status()));
        }
        Optional<Cluster> associated = provider.flatMap(p -> AutoScalingCapacityProviders.clusterOf(region, p.name()));
        if (associated.isPresent()) {
            return associated;
        }
        return Clusters.of(region).find(Clusters.DEFAULT_NAME).filter(c -> Clusters.ACTIVE.equals(c.status()));
    }

    @Override
    public void terminating(AccountRegion region, AutoScalingGroupRecord group, Instance instance) {
        boolean managedDraining = AutoScalingCapacityProviders.of(region).usingGroup(group.arn(), group.name())
                .map(p -> p.autoScalingGroupProvider().managedDraining() != ManagedDraining.DISABLED).orElse(false);
        if (!managedDraining) {
            terminated(region, group, instance);
            return;
        }
        containerInstance(region, instance.instanceId()).filter(ci -> ContainerInstances.ACTIVE.equals(ci.status()))
                .ifPresent(registered -> {
                    ContainerInstances.of(region).put(registered.toBuilder().status(ContainerInstances.DRAINING)
                            .version(registered.version() + 1).build());
                    for (Task task : ContainerInstanceViews.tasksOn(region, registered)) {
                        if (task.group() != null && task.group().startsWith("service:") && "RUNNING".equals(task.desiredStatus())) {
                            capacity.stop(region, task.taskArn(), TaskStopCode.SERVICE_SCHEDULER_INITIATED,
                                    ContainerInstanceActions.DRAINING_REASON);
                        }
                    }
                    instancesChanged.accept(region);
                });
    }

    @Override
    public void terminated(AccountRegion region, AutoScalingGroupRecord group, Instance instance) {
        containerInstance(region, instance.instanceId()).ifPresent(registered -> {
            for (Task task : ContainerInstanceViews.tasksOn(region, registered)) {
                if ("RUNNING".equals(task.desiredStatus())) {
                    capacity.stop(region, task.taskArn(), TaskStopCode.TERMINATION_NOTICE,
                            "Host EC2 (instance " + instance.instanceId() + ") terminated.");
                }
            }
            ContainerInstances.of(region).put(registered.toBuilder().status(ContainerInstances.INACTIVE).agentConnected(false).build());
            InstanceRegistrations.countInCluster(region, ContainerInstances.clusterNameOf(registered));
            instancesChanged.accept(region);
        });
    }

    /** The container instance (not INACTIVE) an EC2 instance registered as, in whichever cluster. */
    static Optional<ContainerInstance> containerInstance(AccountRegion region, String ec2InstanceId) {
        for (Cluster cluster : Clusters.of(region).active()) {
            Optional<ContainerInstance> found = ContainerInstances.of(region).byEc2Instance(cluster.clusterName(), ec2InstanceId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
