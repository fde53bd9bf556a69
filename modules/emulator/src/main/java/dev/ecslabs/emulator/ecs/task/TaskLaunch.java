package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.network.Subnet;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * One task to start on Fargate, already checked: RunTask builds these from its request, and the
 * service scheduler builds them for a service's tasks ({@link #forService}).
 *
 * @param capacityProviderName FARGATE or FARGATE_SPOT for a task placed by a capacity provider
 *                             strategy; {@code null} for one started with launch type FARGATE
 * @param subnets              the awsvpc subnets to place the task's network interface in (one is chosen)
 * @param overrides            {@code null} for none
 * @param platformVersion      a Fargate platform version, LATEST already resolved (for example 1.4.0); null on EC2
 * @param instance             for a task on the EC2 launch type, where placement put it; null on Fargate
 */
public record TaskLaunch(Cluster cluster, TaskDefinition taskDefinition, String capacityProviderName,
                         List<Subnet> subnets, TaskOverride overrides, String startedBy, String group,
                         List<Tag> tags, boolean enableExecuteCommand, String platformVersion,
                         InstancePlacement instance) {

    public TaskLaunch {
        subnets = List.copyOf(subnets);
        tags = List.copyOf(tags);
        if (subnets.isEmpty() && instance == null) {
            throw new IllegalArgumentException("A Fargate task needs at least one subnet");
        }
    }

    /** A task on Fargate. */
    public TaskLaunch(Cluster cluster, TaskDefinition taskDefinition, String capacityProviderName, List<Subnet> subnets,
                      TaskOverride overrides, String startedBy, String group, List<Tag> tags, boolean enableExecuteCommand,
                      String platformVersion) {
        this(cluster, taskDefinition, capacityProviderName, subnets, overrides, startedBy, group, tags, enableExecuteCommand,
                platformVersion, null);
    }

    /** The same task on the EC2 launch type, on the container instance placement chose. */
    public TaskLaunch on(InstancePlacement placement) {
        return new TaskLaunch(cluster, taskDefinition, capacityProviderName, subnets, overrides, startedBy, group, tags,
                enableExecuteCommand, null, placement);
    }

    /**
     * A task of a service: in the group {@code service:<name>} and started by the deployment
     * ({@code ecs-svc/…}), as ECS's service scheduler starts them.
     */
    public static TaskLaunch forService(Cluster cluster, TaskDefinition taskDefinition, String capacityProviderName,
                                        List<Subnet> subnets, String serviceName, String deploymentId, List<Tag> tags,
                                        boolean enableExecuteCommand, String platformVersion) {
        return new TaskLaunch(cluster, taskDefinition, capacityProviderName, subnets, null, deploymentId,
                "service:" + serviceName, tags, enableExecuteCommand, platformVersion);
    }
}
