package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.state.KeyedArea;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * The Auto Scaling group capacity providers of one account and region, by name, as
 * DescribeCapacityProviders writes them; journaled one by one. FARGATE and FARGATE_SPOT are not
 * kept: every account has them.
 */
public final class AutoScalingCapacityProviders extends KeyedArea<CapacityProvider> {
    private AutoScalingCapacityProviders(AccountRegion region) {
        super(region, CapacityProvider.class);
    }

    public static AutoScalingCapacityProviders of(AccountRegion region) {
        return region.area(AutoScalingCapacityProviders.class, AutoScalingCapacityProviders::new);
    }

    /** The ACTIVE provider of this name. */
    public Optional<CapacityProvider> active(String name) {
        return get(name).filter(p -> p.status() == CapacityProviderStatus.ACTIVE);
    }

    /** The ACTIVE provider whose Auto Scaling group this is (by ARN or name). */
    public Optional<CapacityProvider> usingGroup(String groupArn, String groupName) {
        return all().stream().filter(p -> p.status() == CapacityProviderStatus.ACTIVE)
                .filter(p -> p.autoScalingGroupProvider().autoScalingGroupArn().equals(groupArn)
                        || p.autoScalingGroupProvider().autoScalingGroupArn().equals(groupName))
                .findFirst();
    }

    /** The ACTIVE cluster a provider is associated with (a provider belongs to one cluster at a time). */
    public static Optional<Cluster> clusterOf(AccountRegion region, String providerName) {
        return Clusters.of(region).active().stream().filter(c -> c.capacityProviders().contains(providerName)).findFirst();
    }

    public List<CapacityProvider> all() {
        return values();
    }

    void put(CapacityProvider provider) {
        put(provider.name(), provider);
    }
}
