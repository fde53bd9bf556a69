package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.metrics.LoadBalancerMetrics;
import dev.ecslabs.emulator.cloudwatch.metrics.Metrics;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load balancers' minute on CloudWatch's clock: publishes the requests the data plane counted in
 * the minute that ended and each in-use target group's healthy and unhealthy host counts (see
 * {@link LoadBalancerMetrics}). Like ECS's utilisation it publishes only while the account-region
 * uses CloudWatch (its metrics exist) or its load balancers carried requests.
 */
public final class LoadBalancerMinute implements EveryMinute.Step {

    @Override
    public boolean run(AccountRegion region, Instant minute) {
        boolean pending = LoadBalancerMetrics.pending(region);
        if (!pending && region.existingArea(Metrics.class).isEmpty()) {
            return false;
        }
        List<LoadBalancerMetrics.TargetGroupHosts> hosts = hosts(region);
        LoadBalancerMetrics.publishMinute(region, minute, hosts);
        return LoadBalancerMetrics.pending(region) || !hosts.isEmpty();
    }

    /** Every target group a load balancer forwards to, once per load balancer, with its targets' health now. */
    static List<LoadBalancerMetrics.TargetGroupHosts> hosts(AccountRegion region) {
        List<LoadBalancerMetrics.TargetGroupHosts> hosts = new ArrayList<>();
        TargetGroups groups = region.existingArea(TargetGroups.class).orElse(null);
        if (groups == null) {
            return hosts;
        }
        Map<String, Set<String>> usage = TargetUse.usage(region);
        for (TargetGroupRecord group : groups.all()) {
            int healthy = 0;
            int unhealthy = 0;
            int registered = 0;
            for (RegisteredTarget target : group.targets()) {
                switch (target.state()) {
                    case RegisteredTarget.HEALTHY -> healthy++;
                    case RegisteredTarget.UNHEALTHY -> unhealthy++;
                    default -> { }
                }
                if (!target.state().equals(RegisteredTarget.DRAINING) && !target.state().equals(RegisteredTarget.UNUSED)) {
                    registered++;
                }
            }
            for (String loadBalancerArn : usage.getOrDefault(group.arn(), Set.of())) {
                hosts.add(new LoadBalancerMetrics.TargetGroupHosts(loadBalancerDimension(loadBalancerArn),
                        targetGroupDimension(group.arn()), healthy, unhealthy, registered));
            }
        }
        return hosts;
    }

    /** {@code app/<name>/<id>}: the LoadBalancer dimension, the ARN after {@code loadbalancer/}. */
    static String loadBalancerDimension(String loadBalancerArn) {
        return loadBalancerArn.substring(loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    }

    /** {@code targetgroup/<name>/<id>}: the TargetGroup dimension, the ARN's resource part. */
    static String targetGroupDimension(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }
}
