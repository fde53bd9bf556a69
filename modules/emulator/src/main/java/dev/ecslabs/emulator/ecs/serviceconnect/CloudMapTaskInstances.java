package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.service.discovery.EcsInstanceAttributes;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Registers the tasks of a Service Connect service in Cloud Map (when they become ACTIVATING) and
 * deregisters them once they are asked to stop, under their task ids, with the attributes ECS gives
 * each instance ({@link EcsInstanceAttributes}). Cloud Map queues a change behind one still in
 * progress on the same instance, so the two never clash. A service registry's tasks are registered
 * by {@code discovery.TaskRegistrations}.
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
        Map<String, String> attributes = EcsInstanceAttributes.of(region, task, ecsServiceName, port);
        try {
            CloudMap.of(region).registerInstance(cloudMapServiceArn, EcsInstanceAttributes.instanceId(task), attributes);
        } catch (AwsException e) {
            // A full Cloud Map service (1,000 instances) refuses it; the task runs on, unregistered, as on AWS.
            LOG.warn("Task {} could not be registered in {}: {}", task.taskArn(), cloudMapServiceArn, e.getMessage());
        }
    }

    /** Deregisters the task; nothing happens when it was never registered. */
    public static void deregister(AccountRegion region, String cloudMapServiceArn, Task task) {
        CloudMap.of(region).deregisterInstance(cloudMapServiceArn, EcsInstanceAttributes.instanceId(task));
    }
}
