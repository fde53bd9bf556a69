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
    /**
     * No instance yet: a task of an Auto Scaling group capacity provider with managed scaling that
     * found no room waits PROVISIONING until one has room (its provider scales out for it).
     */
    public static final InstancePlacement AWAITING = new InstancePlacement(null, null, null, 0, 0, Map.of());

    public InstancePlacement {
        bindings = Map.copyOf(bindings);
    }

    public boolean awaiting() {
        return containerInstanceArn == null;
    }
}
