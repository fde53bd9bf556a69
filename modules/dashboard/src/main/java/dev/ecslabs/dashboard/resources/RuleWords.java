package dev.ecslabs.dashboard.resources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * A listener rule's conditions and actions in the words of the ELB console: {@code path-pattern is /api/*},
 * {@code forward to api}, {@code fixed response 404}, {@code redirect HTTP_301 to https://#{host}:443/#{path}?#{query}}
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html).
 */
final class RuleWords {
    private RuleWords() {
    }

    /** One line per condition; values of one condition are alternatives ("or"). */
    static List<String> conditions(List<RuleCondition> conditions) {
        List<String> words = new ArrayList<>();
        for (RuleCondition condition : conditions) {
            words.add(condition(condition));
        }
        return words;
    }

    private static String condition(RuleCondition condition) {
        String field = Objects.requireNonNullElse(condition.field(), "?");
        List<String> values = switch (field) {
            case "host-header" -> condition.hostHeaderConfig() != null && condition.hostHeaderConfig().hasValues()
                    ? condition.hostHeaderConfig().values() : condition.values();
            case "path-pattern" -> condition.pathPatternConfig() != null && condition.pathPatternConfig().hasValues()
                    ? condition.pathPatternConfig().values() : condition.values();
            case "http-request-method" -> condition.httpRequestMethodConfig() != null
                    ? condition.httpRequestMethodConfig().values() : condition.values();
            case "source-ip" -> condition.sourceIpConfig() != null ? condition.sourceIpConfig().values() : condition.values();
            case "query-string" -> condition.queryStringConfig() == null ? condition.values()
                    : condition.queryStringConfig().values().stream()
                            .map(pair -> pair.key() == null ? pair.value() : pair.key() + "=" + pair.value()).toList();
            case "http-header" -> condition.httpHeaderConfig() == null ? condition.values() : condition.httpHeaderConfig().values();
            default -> condition.values();
        };
        String subject = "http-header".equals(field) && condition.httpHeaderConfig() != null
                ? "http-header " + condition.httpHeaderConfig().httpHeaderName() : field;
        return subject + " is " + String.join(" or ", values);
    }

    /** The actions in the order they run; target group ARNs are said by name when {@code groupNames} knows them. */
    static List<String> actions(List<Action> actions, Map<String, String> groupNames) {
        return actions.stream().sorted(Comparator.comparing(Action::order, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(action -> action(action, groupNames)).toList();
    }

    private static String action(Action action, Map<String, String> groupNames) {
        String type = Objects.requireNonNullElse(action.typeAsString(), "?");
        return switch (type) {
            case "forward" -> "forward to " + forwardTargets(action, groupNames);
            case "fixed-response" -> fixedResponse(action.fixedResponseConfig());
            case "redirect" -> redirect(action.redirectConfig());
            default -> type;
        };
    }

    private static String forwardTargets(Action action, Map<String, String> groupNames) {
        if (action.forwardConfig() != null && action.forwardConfig().hasTargetGroups()
                && !action.forwardConfig().targetGroups().isEmpty()) {
            List<TargetGroupTuple> groups = action.forwardConfig().targetGroups();
            if (groups.size() == 1) {
                return name(groups.get(0).targetGroupArn(), groupNames);
            }
            return groups.stream().map(g -> name(g.targetGroupArn(), groupNames) + " (weight "
                    + Objects.requireNonNullElse(g.weight(), 1) + ")").collect(Collectors.joining(", "));
        }
        return name(action.targetGroupArn(), groupNames);
    }

    /** The target group's name: as read, else from its ARN ({@code …:targetgroup/<name>/<id>}). */
    private static String name(String arn, Map<String, String> groupNames) {
        if (arn == null) {
            return "?";
        }
        String[] parts = arn.split("/");
        return groupNames.getOrDefault(arn, parts.length == 3 && parts[0].endsWith(":targetgroup") ? parts[1] : arn);
    }

    private static String fixedResponse(FixedResponseActionConfig config) {
        if (config == null) {
            return "fixed response";
        }
        String body = config.messageBody() == null || config.messageBody().isEmpty() ? "" : " \"" + config.messageBody() + "\"";
        return "fixed response " + config.statusCode() + body;
    }

    private static String redirect(RedirectActionConfig config) {
        if (config == null) {
            return "redirect";
        }
        String protocol = Objects.requireNonNullElse(config.protocol(), "#{protocol}").toLowerCase(java.util.Locale.ROOT);
        String url = protocol.equals("#{protocol}") ? "#{protocol}" : protocol;
        url += "://" + Objects.requireNonNullElse(config.host(), "#{host}") + ":" + Objects.requireNonNullElse(config.port(), "#{port}")
                + Objects.requireNonNullElse(config.path(), "/#{path}") + "?" + Objects.requireNonNullElse(config.query(), "#{query}");
        return "redirect " + config.statusCodeAsString() + " to " + url;
    }
}
