package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * What one listener does with a request, compiled by {@link RouteTable} from its rules and target
 * groups as they are (under the account-region's lock) and then asked without a lock: the first rule
 * by priority whose conditions match (the default rule last), its action, and for a forward the
 * target group (by weight) and target (round robin over the healthy ones; over the unhealthy ones when
 * none is healthy, as an ALB fails open; none registered or all still starting: 503), and how its load
 * balancer's attributes have it rewrite the headers ({@link HeaderProcessing}).
 */
final class ListenerRoute {
    /** A listener that is gone: every request gets a 503. */
    static final ListenerRoute GONE = new ListenerRoute(List.of(), HeaderProcessing.DEFAULTS);

    private final List<Step> steps;
    private final HeaderProcessing headers;

    sealed interface Decision {
    }

    record Forward(TargetEndpoint endpoint, String targetGroupArn, String targetId, int port) implements Decision {
    }

    record Fixed(int status, String contentType, String body) implements Decision {
    }

    record Redirect(int status, RedirectActionConfig config) implements Decision {
    }

    record Unavailable() implements Decision {
    }

    private static final Unavailable UNAVAILABLE = new Unavailable();

    /** One rule: its conditions (null for the default rule, which matches everything) and what it does. */
    private record Step(List<RuleCondition> conditions, Fixed fixed, Redirect redirect, List<GroupTargets> groups) {
    }

    /** A target group a forward sends to: its weight, and the targets a request may go to, in round-robin order. */
    private record GroupTargets(String arn, int weight, List<Forward> targets, AtomicInteger cursor) {
    }

    private ListenerRoute(List<Step> steps, HeaderProcessing headers) {
        this.steps = steps;
        this.headers = headers;
    }

    /** Compiles a listener's route from the state now; runs under the account-region's lock. */
    static ListenerRoute compile(AccountRegion region, ListenerRecord listener, TargetLocator locator,
                                 Map<String, AtomicInteger> cursors) {
        List<Step> steps = new ArrayList<>();
        for (RuleRecord rule : listener.rules()) {
            List<RuleCondition> conditions = Boolean.TRUE.equals(rule.rule().isDefault()) ? null : List.copyOf(rule.rule().conditions());
            Action action = rule.rule().actions().get(rule.rule().actions().size() - 1);
            switch (action.typeAsString()) {
                case "fixed-response" -> {
                    FixedResponseActionConfig fixed = action.fixedResponseConfig();
                    steps.add(new Step(conditions, new Fixed(Integer.parseInt(fixed.statusCode()),
                            fixed.contentType() == null ? "text/plain" : fixed.contentType(),
                            fixed.messageBody() == null ? "" : fixed.messageBody()), null, null));
                }
                case "redirect" -> steps.add(new Step(conditions, null, new Redirect(
                        action.redirectConfig().statusCodeAsString().equals("HTTP_301") ? 301 : 302, action.redirectConfig()), null));
                default -> {
                    List<GroupTargets> groups = new ArrayList<>();
                    for (TargetGroupTuple tuple : action.forwardConfig().targetGroups()) {
                        String arn = tuple.targetGroupArn();
                        groups.add(new GroupTargets(arn, tuple.weight() == null ? 1 : tuple.weight(), targets(region, arn, locator),
                                cursors.computeIfAbsent(arn, a -> new AtomicInteger())));
                    }
                    steps.add(new Step(conditions, null, null, List.copyOf(groups)));
                }
            }
        }
        HeaderProcessing headers = LoadBalancers.of(region).find(listener.listener().loadBalancerArn())
                .map(loadBalancer -> HeaderProcessing.of(loadBalancer.attributes())).orElse(HeaderProcessing.DEFAULTS);
        return new ListenerRoute(List.copyOf(steps), headers);
    }

    /** How the load balancer rewrites a request's Host and X-Forwarded-* headers for a target. */
    HeaderProcessing headers() {
        return headers;
    }

    private static List<Forward> targets(AccountRegion region, String groupArn, TargetLocator locator) {
        var group = TargetGroups.of(region).find(groupArn);
        if (group.isEmpty()) {
            return List.of();
        }
        List<RegisteredTarget> candidates = group.get().targets().stream().filter(RegisteredTarget::routable).toList();
        if (candidates.isEmpty()) {
            candidates = group.get().targets().stream().filter(t -> t.state().equals(RegisteredTarget.UNHEALTHY)).toList();
        }
        return candidates.stream()
                .map(t -> new Forward(locator.locate(region, t.id(), t.port()), groupArn, t.id(), t.port())).toList();
    }

    /** What this listener does with {@code request}; safe to ask from any thread without a lock. */
    Decision decide(RuleMatcher.Request request) {
        for (Step step : steps) {
            if (step.conditions() == null || RuleMatcher.matches(step.conditions(), request)) {
                if (step.fixed() != null) {
                    return step.fixed();
                }
                if (step.redirect() != null) {
                    return step.redirect();
                }
                GroupTargets group = pickGroup(step.groups());
                if (group.targets().isEmpty()) {
                    return UNAVAILABLE;
                }
                return group.targets().get(Math.floorMod(group.cursor().getAndIncrement(), group.targets().size()));
            }
        }
        return UNAVAILABLE;
    }

    private static GroupTargets pickGroup(List<GroupTargets> groups) {
        int total = 0;
        for (GroupTargets group : groups) {
            total += group.weight();
        }
        if (groups.size() == 1 || total == 0) {
            return groups.get(0);
        }
        int pick = ThreadLocalRandom.current().nextInt(total);
        for (GroupTargets group : groups) {
            pick -= group.weight();
            if (pick < 0) {
                return group;
            }
        }
        return groups.get(groups.size() - 1);
    }
}
