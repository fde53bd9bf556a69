package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Which load balancers send traffic to which target group: those with a listener or rule that
 * forwards to it. A target group no load balancer uses has its targets {@code unused}
 * ({@code Target.NotInUse}); once one does, they start health checks from {@code initial}.
 */
public final class TargetUse {
    private TargetUse() {
    }

    /** The target groups an action list forwards to. */
    static List<String> targetGroups(List<Action> actions) {
        List<String> arns = new ArrayList<>();
        for (Action action : actions) {
            if (action.targetGroupArn() != null) {
                arns.add(action.targetGroupArn());
            }
            if (action.forwardConfig() != null && action.forwardConfig().hasTargetGroups()) {
                for (TargetGroupTuple tuple : action.forwardConfig().targetGroups()) {
                    if (!arns.contains(tuple.targetGroupArn())) {
                        arns.add(tuple.targetGroupArn());
                    }
                }
            }
        }
        return arns;
    }

    /** Target group ARN → the ARNs of the load balancers that forward to it. */
    static Map<String, Set<String>> usage(AccountRegion region) {
        Map<String, Set<String>> usage = new LinkedHashMap<>();
        for (ListenerRecord listener : Listeners.of(region).all()) {
            for (RuleRecord rule : listener.rules()) {
                for (String arn : targetGroups(rule.rule().actions())) {
                    usage.computeIfAbsent(arn, a -> new TreeSet<>()).add(listener.listener().loadBalancerArn());
                }
            }
        }
        return usage;
    }

    /**
     * The ARNs of the load balancers that forward to a target group (none: it is not attached to
     * one), or empty when the account-region has no such target group. Asked under its lock.
     */
    public static Optional<Set<String>> loadBalancersOf(AccountRegion region, String targetGroupArn) {
        if (TargetGroups.of(region).find(targetGroupArn).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(usage(region).getOrDefault(targetGroupArn, Set.of()));
    }

    /** Brings each target group's targets in line with whether a load balancer now uses it. */
    static void refresh(AccountRegion region) {
        Map<String, Set<String>> usage = usage(region);
        TargetGroups groups = TargetGroups.of(region);
        for (TargetGroupRecord group : groups.all()) {
            boolean used = usage.containsKey(group.arn());
            List<RegisteredTarget> targets = group.targets().stream()
                    .map(t -> used ? t.inUse() : t.state().equals(RegisteredTarget.DRAINING) ? t : RegisteredTarget.notInUse(t))
                    .toList();
            if (!targets.equals(group.targets())) {
                groups.put(group.withTargets(targets));
            }
        }
    }
}
