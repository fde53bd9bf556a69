package dev.ecslabs.emulator.ecs.service.discovery;

import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The attributes ECS gives the Cloud Map instance of a task: its private IPv4 address, the port
 * when there is one, and the metadata AWS lists for service discovery: AVAILABILITY_ZONE (for a
 * Fargate task, the zone of its network interface), REGION, ECS_CLUSTER_NAME, ECS_SERVICE_NAME and
 * ECS_TASK_DEFINITION_FAMILY; EC2_INSTANCE_ID is left out, as for every Fargate task
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html).
 */
public final class EcsInstanceAttributes {
    public static final String IPV4 = "AWS_INSTANCE_IPV4";
    public static final String PORT = "AWS_INSTANCE_PORT";
    public static final String AVAILABILITY_ZONE = "AVAILABILITY_ZONE";
    public static final String REGION = "REGION";
    public static final String CLUSTER_NAME = "ECS_CLUSTER_NAME";
    public static final String SERVICE_NAME = "ECS_SERVICE_NAME";
    public static final String TASK_DEFINITION_FAMILY = "ECS_TASK_DEFINITION_FAMILY";

    private EcsInstanceAttributes() {
    }

    /**
     * The attributes of a RUNNING task of the ECS service {@code serviceName}, with
     * AWS_INSTANCE_PORT set to {@code port} unless it is {@code null}.
     */
    public static Map<String, String> of(AccountRegion region, Task task, String serviceName, Integer port) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(IPV4, TaskNetworking.privateIpv4Address(task).orElseThrow(() -> new IllegalStateException(
                "task " + task.taskArn() + " has no private IP address to register")));
        if (port != null) {
            attributes.put(PORT, String.valueOf(port));
        }
        if (task.availabilityZone() != null) {
            attributes.put(AVAILABILITY_ZONE, task.availabilityZone());
        }
        attributes.put(REGION, region.region());
        attributes.put(CLUSTER_NAME, lastPart(task.clusterArn(), '/'));
        attributes.put(SERVICE_NAME, serviceName);
        attributes.put(TASK_DEFINITION_FAMILY, family(task.taskDefinitionArn()));
        return attributes;
    }

    /** The id ECS registers a task under in Cloud Map: the task id, the last part of its ARN. */
    public static String instanceId(Task task) {
        return lastPart(task.taskArn(), '/');
    }

    /** The family of {@code arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>}. */
    static String family(String taskDefinitionArn) {
        String familyRevision = lastPart(taskDefinitionArn, '/');
        int colon = familyRevision.lastIndexOf(':');
        return colon < 0 ? familyRevision : familyRevision.substring(0, colon);
    }

    private static String lastPart(String arn, char separator) {
        return arn.substring(arn.lastIndexOf(separator) + 1);
    }
}
