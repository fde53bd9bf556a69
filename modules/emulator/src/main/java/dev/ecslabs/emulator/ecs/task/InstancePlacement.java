package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.network.Subnet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;

/**
 * Where an EC2 task goes: the container instance placement chose, its Availability Zone, what the
 * task reserves on it (CPU units, MiB) and each container's host port bindings (bridge and host
 * network modes); an awsvpc task's network interface goes in {@code subnet}, else it is null.
 */
public record InstancePlacement(String containerInstanceArn, String availabilityZone, Subnet subnet, int cpu, int memory,
                                Map<String, List<NetworkBinding>> bindings) {
    public InstancePlacement {
        bindings = Map.copyOf(bindings);
    }
}
