package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Keeps a Cloud Map service's instances equal to an ECS service's running tasks: a task is
 * registered when it reaches RUNNING and deregistered once it is asked to stop, under its task id,
 * with the attributes ECS gives each instance (AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT,
 * AVAILABILITY_ZONE, REGION, ECS_SERVICE_NAME, ECS_CLUSTER_NAME, ECS_TASK_DEFINITION_FAMILY;
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html). Cloud Map
 * queues a change behind one still in progress on the same instance, so the two never clash.
 * Independent of what decides the Cloud Map service (Service Connect here; a service registry
 * needs the same).
 */
public final class CloudMapTaskInstances {
    private static final Logger LOG = LoggerFactory.getLogger(CloudMapTaskInstances.class);

    private CloudMapTaskInstances() {
    }

    /** Registers the task in the Cloud Map service, reachable on {@code port} ({@code null} for none). */
    public static void register(AccountRegion region, String cloudMapServiceArn, Task task, String ecsServiceName,
                                Integer port) {
        Optional<String> ip = TaskNetworking.privateIpv4Address(task);
        if (ip.isEmpty()) {
            LOG.warn("Task {} has no private IP to register in {}", task.taskArn(), cloudMapServiceArn);
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("AWS_INSTANCE_IPV4", ip.get());
        if (port != null) {
            attributes.put("AWS_INSTANCE_PORT", String.valueOf(port));
        }
        attributes.put("AVAILABILITY_ZONE", task.availabilityZone());
        attributes.put("REGION", region.region());
        attributes.put("ECS_SERVICE_NAME", ecsServiceName);
        attributes.put("ECS_CLUSTER_NAME", clusterName(task.clusterArn()));
        attributes.put("ECS_TASK_DEFINITION_FAMILY", family(task.taskDefinitionArn()));
        try {
            CloudMap.of(region).registerInstance(cloudMapServiceArn, instanceId(task), attributes);
        } catch (AwsException e) {
            // A full Cloud Map service (1,000 instances) refuses it; the task runs on, unregistered, as on AWS.
            LOG.warn("Task {} could not be registered in {}: {}", task.taskArn(), cloudMapServiceArn, e.getMessage());
        }
    }

    /** Deregisters the task; nothing happens when it was never registered. */
    public static void deregister(AccountRegion region, String cloudMapServiceArn, Task task) {
        CloudMap.of(region).deregisterInstance(cloudMapServiceArn, instanceId(task));
    }

    /** ECS registers a task under its id. */
    public static String instanceId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    private static String clusterName(String clusterArn) {
        return clusterArn.substring(clusterArn.indexOf(":cluster/") + ":cluster/".length());
    }

    /** The family of {@code arn:aws:ecs:…:task-definition/<family>:<revision>}. */
    private static String family(String taskDefinitionArn) {
        String familyAndRevision = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        return familyAndRevision.substring(0, familyAndRevision.lastIndexOf(':'));
    }
}
