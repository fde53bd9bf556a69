package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.ecs.EcsErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.LaunchType;

/**
 * Where a task runs: with launch type FARGATE, or on the capacity provider a strategy picks for
 * it (FARGATE or FARGATE_SPOT), the request's own strategy or else the cluster's default. With
 * neither a launch type nor a strategy of its own or the cluster's, ECS uses the EC2 launch type
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html), which finds no
 * container instances here. A strategy places {@code base} tasks on its one provider with a base,
 * then the rest by {@code weight}
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html).
 */
public final class CapacityProviders {
    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";
    /** A strategy's providers are all Fargate's or all Auto Scaling groups' (cluster-capacity-providers.html). */
    static final String NO_MIXING = "A capacity provider strategy can only contain Auto Scaling group capacity providers or "
            + "Fargate capacity providers, not both";

    private CapacityProviders() {
    }

    /** FARGATE or FARGATE_SPOT, the providers every account has; any other is an Auto Scaling group's. */
    public static boolean isFargate(String capacityProvider) {
        return FARGATE.equals(capacityProvider) || FARGATE_SPOT.equals(capacityProvider);
    }

    /** Whether a (checked) strategy places tasks on Auto Scaling group capacity providers, so on the EC2 launch type. */
    public static boolean onAutoScalingGroups(List<CapacityProviderStrategyItem> strategy) {
        return !strategy.isEmpty() && !isFargate(strategy.get(0).capacityProvider());
    }

    /**
     * Where RunTask's tasks go: {@code launchType} EC2 or EXTERNAL when they can't be placed on
     * Fargate, else one capacity provider name per task ({@code null} for launch type FARGATE).
     */
    record Placement(LaunchType launchType, List<String> capacityProviders) {
        boolean onFargate() {
            return launchType == LaunchType.FARGATE;
        }
    }

    static Placement forRunTask(Cluster cluster, LaunchType launchType, List<CapacityProviderStrategyItem> strategy,
                                int count) {
        if (launchType != null && !strategy.isEmpty()) {
            throw EcsErrors.invalidParameter("Specifying both a launch type and capacity provider strategy is not supported. "
                    + "Remove one and try again.");
        }
        if (launchType != null) {
            return new Placement(launchType, Collections.nCopies(count, null));
        }
        List<CapacityProviderStrategyItem> used = strategy.isEmpty() ? cluster.defaultCapacityProviderStrategy() : strategy;
        if (used.isEmpty()) {
            return new Placement(LaunchType.EC2, List.of());
        }
        check(cluster, used);
        return new Placement(onAutoScalingGroups(used) ? LaunchType.EC2 : LaunchType.FARGATE, distribute(used, Map.of(), count));
    }

    /** AWS's rules for a strategy used on a cluster, as InvalidParameterException. */
    public static void check(Cluster cluster, List<CapacityProviderStrategyItem> strategy) {
        Set<String> seen = new HashSet<>();
        int withBase = 0;
        for (CapacityProviderStrategyItem item : strategy) {
            if (!cluster.capacityProviders().contains(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The specified capacity provider strategy cannot contain a capacity "
                        + "provider that is not associated with the cluster. Associate the capacity provider with the cluster "
                        + "or specify a valid capacity provider and try again. The cluster " + cluster.clusterName()
                        + " has " + (cluster.capacityProviders().isEmpty() ? "no capacity providers"
                        : String.join(", ", cluster.capacityProviders())) + "; '" + item.capacityProvider() + "' is not one of them.");
            }
            if (!seen.add(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The capacity provider strategy names " + item.capacityProvider()
                        + " twice; name each capacity provider once.");
            }
            if (item.base() != null && item.base() > 0) {
                withBase++;
            }
        }
        if (withBase > 1) {
            throw EcsErrors.invalidParameter("Only one capacity provider in a capacity provider strategy can have a base defined.");
        }
        checkNotMixed(strategy);
        if (strategy.size() > 1 && strategy.stream().allMatch(item -> weight(item) == 0)) {
            throw EcsErrors.invalidParameter("At least one capacity provider in a capacity provider strategy must have a "
                    + "weight greater than zero; providers with a weight of 0 can't place tasks.");
        }
    }

    /** A strategy names Fargate's providers or Auto Scaling groups' providers, never both. */
    public static void checkNotMixed(List<CapacityProviderStrategyItem> strategy) {
        if (strategy.stream().anyMatch(i -> isFargate(i.capacityProvider()))
                && strategy.stream().anyMatch(i -> !isFargate(i.capacityProvider()))) {
            throw EcsErrors.invalidParameter(NO_MIXING + ": this one names " + String.join(", ", strategy.stream()
                    .map(CapacityProviderStrategyItem::capacityProvider).toList()) + ". Use one kind per strategy; a cluster "
                    + "may hold both kinds, for different services.");
        }
    }

    /**
     * The capacity providers of {@code count} new tasks, given how many tasks of the same
     * service or RunTask call each provider already has: first the base, then by weight, so that
     * FARGATE base 1 weight 1 with FARGATE_SPOT weight 3 places 5 tasks as 2 on FARGATE and 3 on
     * FARGATE_SPOT.
     */
    public static List<String> distribute(List<CapacityProviderStrategyItem> strategy, Map<String, Integer> alreadyPlaced,
                                          int count) {
        Map<String, Integer> placed = new HashMap<>(alreadyPlaced);
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String next = next(strategy, placed);
            placed.merge(next, 1, Integer::sum);
            providers.add(next);
        }
        return providers;
    }

    private static String next(List<CapacityProviderStrategyItem> strategy, Map<String, Integer> placed) {
        for (CapacityProviderStrategyItem item : strategy) {
            int base = item.base() == null ? 0 : item.base();
            if (placed.getOrDefault(item.capacityProvider(), 0) < base) {
                return item.capacityProvider();
            }
        }
        if (strategy.size() == 1) {
            return strategy.get(0).capacityProvider();
        }
        String best = null;
        double bestShare = Double.MAX_VALUE;
        for (CapacityProviderStrategyItem item : strategy) {
            if (weight(item) == 0) {
                continue;
            }
            int base = item.base() == null ? 0 : item.base();
            int beyondBase = Math.max(0, placed.getOrDefault(item.capacityProvider(), 0) - base);
            // The provider that would be least ahead of its weighted share once it takes this task.
            double share = (beyondBase + 1) / (double) weight(item);
            if (share < bestShare) {
                bestShare = share;
                best = item.capacityProvider();
            }
        }
        return best;
    }

    private static int weight(CapacityProviderStrategyItem item) {
        return item.weight() == null ? 0 : item.weight();
    }
}
