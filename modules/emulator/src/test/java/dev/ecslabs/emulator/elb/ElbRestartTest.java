package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * What the journal alone carries of ELB across a crash (no checkpoint taken): load balancers,
 * target groups with their targets and attributes, listeners and rules, tags, and a deleted
 * resource staying deleted; a load balancer still provisioning turns active after the restart.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so it starts its emulators itself.
 */
class ElbRestartTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("Load balancers, target groups, targets, listeners, rules and tags survive a crash; provisioning resumes")
    void survivesACrash() {
        ManualClock clock = new ManualClock();
        LoadBalancer lb;
        TargetGroup group;
        String listener;
        Path crashed;
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(temp.resolve("data"))
                .checkpointEvery(Duration.ofHours(1)).start();
             ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), first, "111111111111")) {
            lb = ElbFixtures.alb(elb, "web");
            group = ElbFixtures.ipGroup(elb, "web");
            TargetGroup gone = ElbFixtures.ipGroup(elb, "gone");
            elb.deleteTargetGroup(r -> r.targetGroupArn(gone.targetGroupArn()));
            elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())
                    .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("30")));
            elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id("172.31.0.10")));
            listener = ElbFixtures.httpListener(elb, lb, group);
            elb.createRule(r -> r.listenerArn(listener).priority(7).conditions(c -> c.field("path-pattern").values("/api/*"))
                    .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("200").messageBody("ok"))));
            elb.addTags(r -> r.resourceArns(lb.loadBalancerArn()).tags(Tag.builder().key("team").value("web").build()));
            clock.advance(Duration.ofSeconds(30));
            crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed")); // as kill -9 leaves it, before any close
        }
        assertThat(crashed.resolve("state.json")).as("no checkpoint: the journal alone carries the changes").doesNotExist();
        ManualClock second = new ManualClock(clock.now());
        try (Emulator restarted = Restarts.start(crashed, second);
             ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(), restarted, "111111111111")) {
            assertThat(Restarts.report(restarted)).doesNotContain("problem");
            LoadBalancer after = elb.describeLoadBalancers(r -> r.names("web")).loadBalancers().get(0);
            assertThat(after.loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
            assertThat(after.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
            assertThat(elb.describeTargetGroups().targetGroups()).extracting(TargetGroup::targetGroupName).containsExactly("web");
            assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())).attributes())
                    .anySatisfy(a -> assertThat(a.key() + "=" + a.value()).isEqualTo("deregistration_delay.timeout_seconds=30"));
            assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions())
                    .extracting(d -> d.target().id()).containsExactly("172.31.0.10");
            assertThat(elb.describeRules(r -> r.listenerArn(listener)).rules()).extracting(Rule::priority).containsExactly("7", "default");
            assertThat(elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn())).tagDescriptions().get(0).tags())
                    .containsExactly(Tag.builder().key("team").value("web").build());

            second.advance(Duration.ofSeconds(60));
            assertThat(elb.describeLoadBalancers(r -> r.names("web")).loadBalancers().get(0).state().code())
                    .as("provisioning resumed: 90 s after creation").isEqualTo(LoadBalancerStateEnum.ACTIVE);
            assertThat(DefaultVpc.VPC_ID).isEqualTo(after.vpcId());
        }
    }
}
