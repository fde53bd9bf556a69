package dev.ecslabs.emulator.elb;

import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesResponse;

/**
 * Listener rules of an Application Load Balancer: CreateRule (conditions, a priority from 1 to 50,000
 * that no other rule of the listener holds), DescribeRules (by priority, the default rule last),
 * ModifyRule, SetRulePriorities and DeleteRule (never the default rule)
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html).
 */
public final class RuleActions implements ActionGroup {
    private final ListenerActions listenerActions;

    public RuleActions(ListenerActions listenerActions) {
        this.listenerActions = listenerActions;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ELB_V2, "CreateRule", CreateRuleRequest::builder, this::createRule)
                .add(AwsService.ELB_V2, "DescribeRules", DescribeRulesRequest::builder, this::describeRules)
                .add(AwsService.ELB_V2, "ModifyRule", ModifyRuleRequest::builder, this::modifyRule)
                .add(AwsService.ELB_V2, "SetRulePriorities", SetRulePrioritiesRequest::builder, this::setRulePriorities)
                .add(AwsService.ELB_V2, "DeleteRule", DeleteRuleRequest::builder, this::deleteRule);
    }

    CreateRuleResponse createRule(RequestContext context, CreateRuleRequest request) {
        Listeners listeners = Listeners.of(context.state());
        ListenerRecord listener = listeners.require(request.listenerArn());
        LoadBalancer lb = LoadBalancers.of(context.state()).require(listener.listener().loadBalancerArn()).loadBalancer();
        if (!lb.typeAsString().equals("application")) {
            throw ElbErrors.operationNotPermitted("Rules are for Application Load Balancers' listeners; a network load "
                    + "balancer's listener has only its default action.");
        }
        checkPriorityFree(listener, request.priority(), null);
        List<Action> actions = ActionRules.check(context.state(), lb, listener.listener().protocolAsString(), request.actions());
        String listenerPath = listener.arn().substring(listener.arn().indexOf(":listener/") + ":listener/".length());
        Rule rule = Rule.builder().ruleArn(ElbIds.arn(context.state(), "listener-rule/" + listenerPath + "/" + ElbIds.id()))
                .priority(String.valueOf(request.priority())).isDefault(false)
                .conditions(ActionRules.conditions(request.conditions())).actions(actions).build();
        ElbTags.check(request.hasTags() ? request.tags() : List.of());
        List<RuleRecord> rules = new ArrayList<>(listener.rules());
        rules.add(new RuleRecord(rule, request.hasTags() ? request.tags() : List.of()));
        listeners.put(listener.withRules(sorted(rules)));
        listenerActions.startUsing(context, actions);
        return CreateRuleResponse.builder().rules(rule).build();
    }

    static List<RuleRecord> sorted(List<RuleRecord> rules) {
        List<RuleRecord> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(RuleRecord::order));
        return sorted;
    }

    private static void checkPriorityFree(ListenerRecord listener, int priority, String exceptRule) {
        for (RuleRecord other : listener.rules()) {
            if (!Boolean.TRUE.equals(other.rule().isDefault()) && other.order() == priority && !other.arn().equals(exceptRule)) {
                throw new AwsException("PriorityInUseException", "The priority " + priority + " is in use by rule "
                        + other.arn() + "; each rule of a listener needs its own priority (1 to 50000).");
            }
        }
    }

    DescribeRulesResponse describeRules(RequestContext context, DescribeRulesRequest request) {
        Listeners listeners = Listeners.of(context.state());
        List<Rule> rules = new ArrayList<>();
        if (request.hasRuleArns() && !request.ruleArns().isEmpty()) {
            for (String arn : request.ruleArns()) {
                ListenerRecord listener = listeners.holdingRule(arn).orElseThrow(() -> ElbErrors.ruleNotFound("'" + arn + "'"));
                listener.rules().stream().filter(r -> r.arn().equals(arn)).forEach(r -> rules.add(r.rule()));
            }
        } else if (request.listenerArn() != null) {
            listeners.require(request.listenerArn()).rules().forEach(r -> rules.add(r.rule()));
        } else {
            throw ElbErrors.validation("Specify either a ListenerArn or RuleArns.");
        }
        return DescribeRulesResponse.builder().rules(rules).build();
    }

    ModifyRuleResponse modifyRule(RequestContext context, ModifyRuleRequest request) {
        Listeners listeners = Listeners.of(context.state());
        ListenerRecord listener = listeners.holdingRule(request.ruleArn())
                .orElseThrow(() -> ElbErrors.ruleNotFound("'" + request.ruleArn() + "'"));
        LoadBalancer lb = LoadBalancers.of(context.state()).require(listener.listener().loadBalancerArn()).loadBalancer();
        List<RuleRecord> rules = new ArrayList<>(listener.rules());
        Rule modified = null;
        for (int i = 0; i < rules.size(); i++) {
            RuleRecord record = rules.get(i);
            if (!record.arn().equals(request.ruleArn())) {
                continue;
            }
            Rule.Builder changed = record.rule().toBuilder();
            if (request.hasConditions()) {
                if (Boolean.TRUE.equals(record.rule().isDefault())) {
                    throw ElbErrors.operationNotPermitted("The default rule has no conditions; change its actions with ModifyListener.");
                }
                changed.conditions(ActionRules.conditions(request.conditions()));
            }
            if (request.hasActions()) {
                changed.actions(ActionRules.check(context.state(), lb, listener.listener().protocolAsString(), request.actions()));
            }
            modified = changed.build();
            rules.set(i, new RuleRecord(modified, record.tags()));
        }
        ListenerRecord updated = listener.withRules(rules);
        if (Boolean.TRUE.equals(modified.isDefault())) {
            updated = updated.with(updated.listener().toBuilder().defaultActions(modified.actions()).build());
        }
        listeners.put(updated);
        listenerActions.startUsing(context, modified.actions());
        return ModifyRuleResponse.builder().rules(modified).build();
    }

    SetRulePrioritiesResponse setRulePriorities(RequestContext context, SetRulePrioritiesRequest request) {
        Listeners listeners = Listeners.of(context.state());
        List<Rule> changedRules = new ArrayList<>();
        for (RulePriorityPair pair : request.rulePriorities()) {
            ListenerRecord listener = listeners.holdingRule(pair.ruleArn())
                    .orElseThrow(() -> ElbErrors.ruleNotFound("'" + pair.ruleArn() + "'"));
            List<RuleRecord> rules = new ArrayList<>(listener.rules());
            for (int i = 0; i < rules.size(); i++) {
                RuleRecord record = rules.get(i);
                if (record.arn().equals(pair.ruleArn())) {
                    if (Boolean.TRUE.equals(record.rule().isDefault())) {
                        throw ElbErrors.operationNotPermitted("The default rule's priority cannot be changed: it always comes last.");
                    }
                    Rule changed = record.rule().toBuilder().priority(String.valueOf(pair.priority())).build();
                    rules.set(i, new RuleRecord(changed, record.tags()));
                    changedRules.add(changed);
                }
            }
            ListenerRecord updated = listener.withRules(sorted(rules));
            for (RuleRecord rule : updated.rules()) {
                if (rule.arn().equals(pair.ruleArn())) {
                    checkPriorityFree(updated, pair.priority(), rule.arn());
                }
            }
            listeners.put(updated);
        }
        return SetRulePrioritiesResponse.builder().rules(changedRules).build();
    }

    DeleteRuleResponse deleteRule(RequestContext context, DeleteRuleRequest request) {
        Listeners listeners = Listeners.of(context.state());
        ListenerRecord listener = listeners.holdingRule(request.ruleArn())
                .orElseThrow(() -> ElbErrors.ruleNotFound("'" + request.ruleArn() + "'"));
        RuleRecord rule = listener.rules().stream().filter(r -> r.arn().equals(request.ruleArn())).findFirst().orElseThrow();
        if (Boolean.TRUE.equals(rule.rule().isDefault())) {
            throw ElbErrors.operationNotPermitted("A listener's default rule cannot be deleted; delete the listener instead.");
        }
        listeners.put(listener.withRules(listener.rules().stream().filter(r -> r != rule).toList()));
        TargetUse.refresh(context.state());
        return DeleteRuleResponse.builder().build();
    }
}
