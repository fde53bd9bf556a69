package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The checks AWS makes on a listener's or rule's actions and conditions, and their normal form as
 * Describe answers them: a forward to one {@code TargetGroupArn} also carries its {@code ForwardConfig}
 * (weight 1, stickiness off), a condition's legacy {@code Values} also its typed config
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html).
 */
final class ActionRules {
    private static final Set<String> HTTP = Set.of("HTTP", "HTTPS");
    private static final Set<String> CONDITION_FIELDS = Set.of("path-pattern", "host-header", "http-header",
            "http-request-method", "query-string", "source-ip");

    private ActionRules() {
    }

    /** The actions checked for a listener of {@code protocol} on {@code loadBalancer}, in their normal form, by order. */
    static List<Action> check(AccountRegion region, LoadBalancer loadBalancer, String protocol, List<Action> actions) {
        if (actions.isEmpty()) {
            throw ElbErrors.validation("At least one action must be specified.");
        }
        boolean application = loadBalancer.typeAsString().equals("application");
        List<Action> normal = new ArrayList<>();
        int order = 1;
        for (Action action : actions) {
            String type = action.typeAsString();
            Action.Builder checked = action.toBuilder().order(action.order() == null ? order : action.order());
            switch (type) {
                case "forward" -> checked.forwardConfig(forward(region, loadBalancer, protocol, action))
                        .targetGroupArn(singleTarget(action));
                case "fixed-response", "redirect" -> {
                    if (!application) {
                        throw new AwsException("InvalidLoadBalancerActionException", "The action type '" + type
                                + "' is valid only for Application Load Balancers; a network load balancer forwards.");
                    }
                    if (type.equals("fixed-response") && action.fixedResponseConfig() == null) {
                        throw ElbErrors.validation("A fixed-response action needs a FixedResponseConfig with a StatusCode.");
                    }
                    if (type.equals("redirect") && action.redirectConfig() == null) {
                        throw ElbErrors.validation("A redirect action needs a RedirectConfig with a StatusCode (HTTP_301 or HTTP_302).");
                    }
                }
                default -> throw new AwsException("InvalidLoadBalancerActionException", "The action type '" + type
                        + "' is not served by this emulator: use forward, fixed-response or redirect.");
            }
            normal.add(checked.build());
            order++;
        }
        normal.sort(Comparator.comparing(Action::order));
        if (!List.of("forward", "fixed-response", "redirect").contains(normal.get(normal.size() - 1).typeAsString())) {
            throw ElbErrors.validation("The last action must be forward, fixed-response or redirect.");
        }
        return normal;
    }

    private static String singleTarget(Action action) {
        if (action.targetGroupArn() != null) {
            return action.targetGroupArn();
        }
        List<TargetGroupTuple> groups = action.forwardConfig().targetGroups();
        return groups.size() == 1 ? groups.get(0).targetGroupArn() : null;
    }

    private static ForwardActionConfig forward(AccountRegion region, LoadBalancer loadBalancer, String protocol, Action action) {
        List<TargetGroupTuple> tuples = new ArrayList<>();
        if (action.forwardConfig() != null && action.forwardConfig().hasTargetGroups()) {
            for (TargetGroupTuple tuple : action.forwardConfig().targetGroups()) {
                tuples.add(tuple.toBuilder().weight(tuple.weight() == null ? 1 : tuple.weight()).build());
            }
        }
        if (action.targetGroupArn() != null) {
            if (!tuples.isEmpty() && (tuples.size() > 1 || !tuples.get(0).targetGroupArn().equals(action.targetGroupArn()))) {
                throw ElbErrors.validation("You cannot specify both a TargetGroupArn and a ForwardConfig with other target groups.");
            }
            tuples = List.of(TargetGroupTuple.builder().targetGroupArn(action.targetGroupArn()).weight(1).build());
        }
        if (tuples.isEmpty()) {
            throw ElbErrors.validation("A forward action needs a TargetGroupArn or a ForwardConfig with target groups.");
        }
        if (tuples.size() > 5) {
            throw new AwsException("TooManyTargetGroupsException", "A forward action can name at most 5 target groups.");
        }
        var usage = TargetUse.usage(region);
        for (TargetGroupTuple tuple : tuples) {
            TargetGroupRecord group = TargetGroups.of(region).require(tuple.targetGroupArn());
            String groupProtocol = group.targetGroup().protocolAsString();
            if (HTTP.contains(protocol) != HTTP.contains(groupProtocol)) {
                throw new AwsException("IncompatibleProtocolsException", "The target group " + group.name() + " uses "
                        + groupProtocol + ", which a " + protocol + " listener cannot forward to.");
            }
            var users = usage.getOrDefault(group.arn(), Set.of());
            if (!users.isEmpty() && !users.contains(loadBalancer.loadBalancerArn())) {
                throw new AwsException("TargetGroupAssociationLimitException", "The target group " + group.name()
                        + " is already used by another load balancer (" + String.join(", ", users) + "); a target group "
                        + "receives traffic from one load balancer. Create another target group.");
            }
        }
        boolean stickiness = action.forwardConfig() != null && action.forwardConfig().targetGroupStickinessConfig() != null
                && Boolean.TRUE.equals(action.forwardConfig().targetGroupStickinessConfig().enabled());
        return ForwardActionConfig.builder().targetGroups(tuples)
                .targetGroupStickinessConfig(s -> s.enabled(stickiness)).build();
    }

    /** The conditions checked, each with its typed config filled in from legacy {@code Values}. */
    static List<RuleCondition> conditions(List<RuleCondition> conditions) {
        if (conditions.isEmpty()) {
            throw ElbErrors.validation("A rule needs at least one condition.");
        }
        List<RuleCondition> normal = new ArrayList<>();
        int values = 0;
        for (RuleCondition condition : conditions) {
            String field = condition.field();
            if (field == null || !CONDITION_FIELDS.contains(field)) {
                throw ElbErrors.validation("The condition field '" + field + "' is not valid; use one of "
                        + String.join(", ", CONDITION_FIELDS) + ".");
            }
            RuleCondition.Builder checked = condition.toBuilder();
            List<String> legacy = condition.hasValues() ? condition.values() : List.of();
            switch (field) {
                case "path-pattern" -> {
                    if (condition.pathPatternConfig() == null) {
                        checked.pathPatternConfig(c -> c.values(legacy));
                    }
                    values += condition.pathPatternConfig() == null ? legacy.size() : condition.pathPatternConfig().values().size();
                }
                case "host-header" -> {
                    if (condition.hostHeaderConfig() == null) {
                        checked.hostHeaderConfig(c -> c.values(legacy));
                    }
                    values += condition.hostHeaderConfig() == null ? legacy.size() : condition.hostHeaderConfig().values().size();
                }
                case "http-header" -> {
                    if (condition.httpHeaderConfig() == null || condition.httpHeaderConfig().httpHeaderName() == null) {
                        throw ElbErrors.validation("An http-header condition needs an HttpHeaderConfig with an HttpHeaderName.");
                    }
                    values += condition.httpHeaderConfig().values().size();
                }
                case "query-string" -> {
                    if (condition.queryStringConfig() == null || !condition.queryStringConfig().hasValues()) {
                        throw ElbErrors.validation("A query-string condition needs a QueryStringConfig with Values (Key/Value pairs).");
                    }
                    values += condition.queryStringConfig().values().size();
                }
                case "http-request-method" -> {
                    if (condition.httpRequestMethodConfig() == null) {
                        throw ElbErrors.validation("An http-request-method condition needs an HttpRequestMethodConfig.");
                    }
                    values += condition.httpRequestMethodConfig().values().size();
                }
                default -> {
                    if (condition.sourceIpConfig() == null) {
                        throw ElbErrors.validation("A source-ip condition needs a SourceIpConfig.");
                    }
                    values += condition.sourceIpConfig().values().size();
                }
            }
            normal.add(checked.build());
        }
        if (values > 5) {
            throw ElbErrors.validation("A rule can have at most 5 condition values in all; this one has " + values + ".");
        }
        return normal;
    }
}
