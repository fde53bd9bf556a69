package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IncompatibleProtocolsException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/** Listeners and rules through the real SDK: default actions, the default rule, priorities and AWS's refusals. */
@EmulatorTest(account = "111111111111", scope = EmulatorTest.Scope.EACH_TEST)
class ListenerAndRuleApiTest {
    ElasticLoadBalancingV2Client elb;

    @Test
    @DisplayName("A listener keeps its forward action in AWS's normal form (ForwardConfig, weight 1) and has a default rule")
    void listenerAndDefaultRule() {
        LoadBalancer lb = ElbFixtures.alb(elb, "web");
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        String arn = ElbFixtures.httpListener(elb, lb, group);

        Listener listener = elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners().get(0);
        assertThat(listener.listenerArn()).isEqualTo(arn).contains(":listener/app/web/");
        Action forward = listener.defaultActions().get(0);
        assertThat(forward.targetGroupArn()).isEqualTo(group.targetGroupArn());
        assertThat(forward.forwardConfig().targetGroups().get(0).weight()).isEqualTo(1);
        assertThat(forward.order()).isEqualTo(1);
        Rule defaultRule = elb.describeRules(r -> r.listenerArn(arn)).rules().get(0);
        assertThat(defaultRule.isDefault()).isTrue();
        assertThat(defaultRule.priority()).isEqualTo("default");
        assertThat(defaultRule.actions()).containsExactly(forward);
    }

    @Test
    @DisplayName("A second listener on a port is DuplicateListener; HTTPS without a certificate is CertificateNotFound; "
            + "a missing target group is TargetGroupNotFound; a TCP group behind HTTP is IncompatibleProtocols")
    void listenerRefusals() {
        LoadBalancer lb = ElbFixtures.alb(elb, "web");
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        ElbFixtures.httpListener(elb, lb, group);
        assertThatThrownBy(() -> ElbFixtures.httpListener(elb, lb, group)).isInstanceOf(DuplicateListenerException.class);
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS").port(443)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(group.targetGroupArn()))))
                .isInstanceOf(CertificateNotFoundException.class);
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(8080)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(group.targetGroupArn() + "0"))))
                .isInstanceOf(TargetGroupNotFoundException.class);
        TargetGroup tcp = elb.createTargetGroup(r -> r.name("tcp").protocol("TCP").port(80).vpcId("vpc-0ec5c0ffee0000001")
                .targetType("ip")).targetGroups().get(0);
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(8080)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tcp.targetGroupArn()))))
                .isInstanceOf(IncompatibleProtocolsException.class);
        String https = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTPS").port(443)
                .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:111111111111:certificate/abc"))
                .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("404")))).listeners()
                .get(0).sslPolicy();
        assertThat(https).isEqualTo("ELBSecurityPolicy-2016-08");
    }

    @Test
    @DisplayName("Rules are described by priority with the default rule last; a taken priority is PriorityInUse; "
            + "SetRulePriorities reorders; the default rule cannot be deleted; a target group in use cannot be deleted")
    void rules() {
        LoadBalancer lb = ElbFixtures.alb(elb, "web");
        TargetGroup web = ElbFixtures.ipGroup(elb, "web");
        TargetGroup api = ElbFixtures.ipGroup(elb, "api");
        String listener = ElbFixtures.httpListener(elb, lb, web);
        String apiRule = elb.createRule(r -> r.listenerArn(listener).priority(20)
                .conditions(c -> c.field("path-pattern").values("/api/*"))
                .actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(api.targetGroupArn()))).rules().get(0).ruleArn();
        elb.createRule(r -> r.listenerArn(listener).priority(10)
                .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values("admin.example.com")))
                .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("403").messageBody("no"))));

        assertThat(elb.describeRules(r -> r.listenerArn(listener)).rules()).extracting(Rule::priority).containsExactly("10", "20", "default");
        RuleCondition path = elb.describeRules(r -> r.ruleArns(apiRule)).rules().get(0).conditions().get(0);
        assertThat(path.pathPatternConfig().values()).containsExactly("/api/*");
        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener).priority(10)
                .conditions(c -> c.field("path-pattern").values("/x"))
                .actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(api.targetGroupArn()))))
                .isInstanceOf(PriorityInUseException.class);

        elb.setRulePriorities(r -> r.rulePriorities(p -> p.ruleArn(apiRule).priority(5)));
        assertThat(elb.describeRules(r -> r.listenerArn(listener)).rules()).extracting(Rule::priority).containsExactly("5", "10", "default");
        String defaultRule = elb.describeRules(r -> r.listenerArn(listener)).rules().get(2).ruleArn();
        assertThatThrownBy(() -> elb.deleteRule(r -> r.ruleArn(defaultRule))).isInstanceOf(OperationNotPermittedException.class);
        assertThatThrownBy(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(api.targetGroupArn()))).isInstanceOf(ResourceInUseException.class);

        elb.deleteRule(r -> r.ruleArn(apiRule));
        elb.deleteTargetGroup(r -> r.targetGroupArn(api.targetGroupArn()));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
        assertThat(elb.describeTargetGroups().targetGroups()).extracting(TargetGroup::targetGroupName).containsExactly("web");
        elb.deleteTargetGroup(r -> r.targetGroupArn(web.targetGroupArn())); // the load balancer's listener went with it
    }

    @Test
    @DisplayName("A weighted forward keeps its target groups and weights")
    void weightedForward() {
        LoadBalancer lb = ElbFixtures.alb(elb, "web");
        TargetGroup blue = ElbFixtures.ipGroup(elb, "blue");
        TargetGroup green = ElbFixtures.ipGroup(elb, "green");
        Listener listener = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                        t -> t.targetGroupArn(blue.targetGroupArn()).weight(90), t -> t.targetGroupArn(green.targetGroupArn()).weight(10)))))
                .listeners().get(0);
        assertThat(listener.defaultActions().get(0).forwardConfig().targetGroups()).extracting(t -> t.weight()).containsExactly(90, 10);
        assertThat(listener.defaultActions().get(0).targetGroupArn()).isNull();
    }
}
