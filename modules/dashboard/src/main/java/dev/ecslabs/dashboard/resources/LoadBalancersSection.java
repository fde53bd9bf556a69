package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Pages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Elastic Load Balancing on the resources page: each load balancer with its state and DNS name; its
 * listeners, each with the local URL it answers at (the course's emulator only) and its rules in
 * priority order (conditions, actions); the target groups it forwards to, each target with its
 * health (state, reason, description, as DescribeTargetHealth tells them); and target groups no load
 * balancer uses yet. Shown only when the account has a load balancer or a target group.
 */
record LoadBalancersSection(List<LoadBalancerView> loadBalancers, List<TargetGroupView> unattached, AwsTime time,
                            Unanswered unanswered, String unavailable) {

    /** A load balancer with its listeners and the target groups attached to it. */
    record LoadBalancerView(LoadBalancer loadBalancer, List<ListenerView> listeners, List<TargetGroupView> targetGroups) {
    }

    /** A listener, where it answers on this machine (null when the backend can't tell), and its rules, default last. */
    record ListenerView(Listener listener, String localUrl, List<RuleView> rules) {
    }

    /** A rule in words: its priority ("default" for the listener's default actions), conditions and actions. */
    record RuleView(String priority, List<String> conditions, List<String> actions) {
    }

    /** A target group with each target's health, or why the health could not be read. */
    record TargetGroupView(TargetGroup group, List<TargetHealthDescription> targets, String problem) {
    }

    /** Nothing to show: no load balancer and no target group (the page says how to make one instead). */
    boolean isEmpty() {
        return unavailable == null && loadBalancers.isEmpty() && unattached.isEmpty();
    }

    /**
     * The section (template {@code resources/loadBalancers.jte}), read now; {@code localUrls} answers
     * a load balancer's {@code port → url} from the course's emulator, empty on another backend.
     */
    static LoadBalancersSection read(ElasticLoadBalancingV2Client elb, Function<String, Map<Integer, String>> localUrls, AwsTime time) {
        List<LoadBalancer> loadBalancers;
        try {
            loadBalancers = elb.describeLoadBalancersPaginator(b -> { }).loadBalancers().stream()
                    .sorted(Comparator.comparing(LoadBalancer::createdTime, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        } catch (SdkException e) {
            return new LoadBalancersSection(List.of(), List.of(), time, new Unanswered(), Markup.why(e));
        }
        Unanswered unanswered = new Unanswered();
        List<TargetGroup> groups = List.of();
        try {
            groups = elb.describeTargetGroupsPaginator(b -> { }).targetGroups().stream().toList();
        } catch (SdkException e) {
            unanswered.add("ELB DescribeTargetGroups", e);
        }
        Map<String, String> groupNames = new HashMap<>();
        groups.forEach(g -> groupNames.put(g.targetGroupArn(), g.targetGroupName()));
        Map<String, TargetGroupView> groupViews = new HashMap<>();
        for (TargetGroup group : groups) {
            groupViews.put(group.targetGroupArn(), targetGroup(elb, group));
        }
        List<LoadBalancerView> views = new ArrayList<>();
        for (LoadBalancer loadBalancer : loadBalancers) {
            Map<Integer, String> urls = localUrls.apply(loadBalancer.loadBalancerName());
            List<ListenerView> listeners = new ArrayList<>();
            if (!unanswered.refused("ELB DescribeListeners")) {
                try {
                    for (Listener listener : elb.describeListenersPaginator(b -> b.loadBalancerArn(loadBalancer.loadBalancerArn()))
                            .listeners().stream().sorted(Comparator.comparing(Listener::port)).toList()) {
                        listeners.add(new ListenerView(listener, urls.get(listener.port()), rules(elb, listener, groupNames, unanswered)));
                    }
                } catch (SdkException e) {
                    unanswered.add("ELB DescribeListeners", e);
                }
            }
            List<TargetGroupView> attached = groups.stream().filter(g -> g.loadBalancerArns().contains(loadBalancer.loadBalancerArn()))
                    .map(g -> groupViews.get(g.targetGroupArn())).toList();
            views.add(new LoadBalancerView(loadBalancer, listeners, attached));
        }
        List<TargetGroupView> unattached = groups.stream().filter(g -> g.loadBalancerArns().isEmpty())
                .map(g -> groupViews.get(g.targetGroupArn())).toList();
        return new LoadBalancersSection(views, unattached, time, unanswered, null);
    }

    String render() {
        return Pages.render("resources/loadBalancers.jte", this);
    }

    /** The listener's rules by priority, the default rule last; with none read, its default actions. */
    private static List<RuleView> rules(ElasticLoadBalancingV2Client elb, Listener listener, Map<String, String> groupNames,
                                        Unanswered unanswered) {
        List<RuleView> rules = new ArrayList<>();
        if (!unanswered.refused("ELB DescribeRules")) {
            try {
                for (Rule rule : elb.describeRulesPaginator(b -> b.listenerArn(listener.listenerArn())).rules()) {
                    rules.add(new RuleView(Boolean.TRUE.equals(rule.isDefault()) ? "default" : rule.priority(),
                            RuleWords.conditions(rule.conditions()), RuleWords.actions(rule.actions(), groupNames)));
                }
            } catch (SdkException e) {
                unanswered.add("ELB DescribeRules", e);
            }
        }
        if (rules.stream().noneMatch(r -> "default".equals(r.priority()))) {
            rules.add(new RuleView("default", List.of(), RuleWords.actions(listener.defaultActions(), groupNames)));
        }
        rules.sort(Comparator.comparing(RuleView::priority, LoadBalancersSection::byPriority));
        return rules;
    }

    /** Priorities are numbers in strings; "default" comes last. */
    private static int byPriority(String a, String b) {
        return Long.compare(priority(a), priority(b));
    }

    private static long priority(String priority) {
        try {
            return Long.parseLong(priority);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static TargetGroupView targetGroup(ElasticLoadBalancingV2Client elb, TargetGroup group) {
        try {
            return new TargetGroupView(group, elb.describeTargetHealth(b -> b.targetGroupArn(group.targetGroupArn()))
                    .targetHealthDescriptions(), null);
        } catch (SdkException e) {
            return new TargetGroupView(group, List.of(), Markup.why(e));
        }
    }

    /** From the emulator's answer {@code {"listeners":[{"port":80,"url":"http://127.0.0.1:54321"}]}}: port → url. */
    static Map<Integer, String> urlsByPort(Optional<JsonNode> answer) {
        Map<Integer, String> urls = new HashMap<>();
        answer.ifPresent(json -> json.path("listeners").forEach(l -> urls.put(l.path("port").asInt(), l.path("url").asText())));
        return urls;
    }
}
