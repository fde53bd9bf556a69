package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.network.Subnet;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What an EC2 task carries that a Fargate task does not: launch type EC2, its container instance,
 * that instance's Availability Zone, the cpu and memory it reserves there, and each container's
 * host port bindings; an awsvpc task also gets its network interface, in the instance's subnet
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html).
 */
public final class Ec2Tasks {
    private Ec2Tasks() {
    }

    /** Whether the task waits, PROVISIONING, for an instance of its capacity provider with room ({@link InstancePlacement#AWAITING}). */
    public static boolean awaitingCapacity(Task task) {
        return task.launchType() == LaunchType.EC2 && task.containerInstanceArn() == null && task.capacityProviderName() != null;
    }

    static Task.Builder onInstance(Task.Builder task, InstancePlacement placement, Subnet subnet) {
        if (placement.awaiting()) {
            return task.launchType(LaunchType.EC2);
        }
        Task built = task.build();
        List<Container> containers = built.containers().stream().map(c -> c.toBuilder()
                .networkBindings(placement.bindings().getOrDefault(c.name(), List.<NetworkBinding>of())).build()).toList();
        Task.Builder ec2 = built.toBuilder()
                .launchType(LaunchType.EC2)
                .containerInstanceArn(placement.containerInstanceArn())
                .availabilityZone(placement.availabilityZone())
                .cpu(String.valueOf(placement.cpu()))
                .memory(String.valueOf(placement.memory()))
                .containers(containers);
        if (subnet != null) {
            ec2.attachments(TaskNetworking.precreated(subnet));
        }
        return ec2;
    }
}
