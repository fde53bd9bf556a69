package dev.ecslabs.emulator.elb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import dev.ecslabs.emulator.state.AccountRegion;

/**
 * What a listener does with one request, decided under the account-region's lock from the state at
 * that moment: the first rule by priority whose conditions match (the default rule last), its
 * action, and for a forward the target group (by weight) and target (round robin over the healthy
 * ones; over the unhealthy ones when none is healthy, as an ALB fails open; none registered or all
 * still starting: 503).
 */
final class ListenerRoute {
    /** Round-robin cursors, per target group. */
    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

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

    Decision decide(AccountRegion region, String listenerArn, RuleMatcher.Request request, TargetLocator locator) {
        var listener = Listeners.of(region).find(listenerArn);
        if (listener.isEmpty()) {
            return new Unavailable();
        }
        for (RuleRecord rule : listener.get().rules()) {
            if (Boolean.TRUE.equals(rule.rule().isDefault()) || RuleMatcher.matches(rule.rule().conditions(), request)) {
                return act(region, rule.rule().actions().get(rule.rule().actions().size() - 1), locator);
            }
        }
        return new Unavailable();
    }

    private Decision act(AccountRegion region, Action action, TargetLocator locator) {
        switch (action.typeAsString()) {
            case "fixed-response" -> {
                FixedResponseActionConfig fixed = action.fixedResponseConfig();
                return new Fixed(Integer.parseInt(fixed.statusCode()), fixed.contentType() == null ? "text/plain" : fixed.contentType(),
                        fixed.messageBody() == null ? "" : fixed.messageBody());
            }
            case "redirect" -> {
                return new Redirect(action.redirectConfig().statusCodeAsString().equals("HTTP_301") ? 301 : 302, action.redirectConfig());
            }
            default -> {
                String groupArn = pickGroup(action.forwardConfig().targetGroups());
                var group = TargetGroups.of(region).find(groupArn);
                if (group.isEmpty()) {
                    return new Unavailable();
                }
                List<RegisteredTarget> candidates = new ArrayList<>();
                group.get().targets().stream().filter(RegisteredTarget::routable).forEach(candidates::add);
                if (candidates.isEmpty()) {
                    group.get().targets().stream().filter(t -> t.state().equals(RegisteredTarget.UNHEALTHY)).forEach(candidates::add);
                }
                if (candidates.isEmpty()) {
                    return new Unavailable();
                }
                int next = Math.floorMod(cursors.computeIfAbsent(groupArn, a -> new AtomicInteger()).getAndIncrement(), candidates.size());
                RegisteredTarget target = candidates.get(next);
                return new Forward(locator.locate(region, target.id(), target.port()), groupArn, target.id(), target.port());
            }
        }
    }

    private static String pickGroup(List<TargetGroupTuple> groups) {
        int total = groups.stream().mapToInt(TargetGroupTuple::weight).sum();
        if (groups.size() == 1 || total == 0) {
            return groups.get(0).targetGroupArn();
        }
        int pick = ThreadLocalRandom.current().nextInt(total);
        for (TargetGroupTuple group : groups) {
            pick -= group.weight();
            if (pick < 0) {
                return group.targetGroupArn();
            }
        }
        return groups.get(groups.size() - 1).targetGroupArn();
    }
}
