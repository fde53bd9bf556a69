package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * Target groups, targets and DescribeTargetHealth on the manual clock, against a simulated nginx
 * task (its welcome page at /, 404 elsewhere) and an IP where nothing listens, with AWS's states
 * and reason codes (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-health-states).
 */
@EmulatorTest(account = "111111111111", scope = EmulatorTest.Scope.EACH_TEST)
class TargetHealthTest {
    ElasticLoadBalancingV2Client elb;
    EcsClient ecs;
    ManualClock clock;

    @Test
    @DisplayName("A target group has AWS's defaults: HTTP checks of / every 30 s, timeout 5 s, thresholds 5 and 2, matcher 200, "
            + "deregistration delay 300 s")
    void defaults() {
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        assertThat(group.targetGroupArn()).matches("arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/web/[0-9a-f]{16}");
        assertThat(group.healthCheckPath()).isEqualTo("/");
        assertThat(group.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(group.healthCheckIntervalSeconds()).isEqualTo(30);
        assertThat(group.healthCheckTimeoutSeconds()).isEqualTo(5);
        assertThat(group.healthyThresholdCount()).isEqualTo(5);
        assertThat(group.unhealthyThresholdCount()).isEqualTo(2);
        assertThat(group.matcher().httpCode()).isEqualTo("200");
        assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())).attributes())
                .contains(TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("300").build());
    }

    @Test
    @DisplayName("A target of a group no load balancer uses is unused (Target.NotInUse); with a listener it is initial, then "
            + "healthy after one passed check of the nginx task")
    void unusedInitialHealthy() {
        String ip = ElbFixtures.nginxTask(ecs, clock);
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)));
        assertThat(health(group)).isEqualTo(TargetHealth.builder().state("unused").reason("Target.NotInUse")
                .description("Target group is not configured to receive traffic from the load balancer").build());

        LoadBalancer lb = ElbFixtures.alb(elb, "web");
        ElbFixtures.httpListener(elb, lb, group);
        assertThat(health(group).stateAsString()).isEqualTo("initial");
        clock.advance(Duration.ofSeconds(1));
        assertThat(health(group)).isEqualTo(TargetHealth.builder().state("healthy").build());
        assertThat(elb.waiter().waitUntilTargetInService(r -> r.targetGroupArn(group.targetGroupArn())
                .targets(t -> t.id(ip).port(80))).matched().response()).isPresent();
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(group.targetGroupArn())).targetGroups().get(0).loadBalancerArns())
                .containsExactly(lb.loadBalancerArn());
    }

    @Test
    @DisplayName("A check path nginx answers 404 makes the target unhealthy after 2 checks: Target.ResponseCodeMismatch with [404]; "
            + "nothing listening is Target.FailedHealthChecks")
    void unhealthyReasons() {
        String ip = ElbFixtures.nginxTask(ecs, clock);
        TargetGroup group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).vpcId("vpc-0ec5c0ffee0000001")
                .targetType("ip").healthCheckPath("/health")).targetGroups().get(0);
        ElbFixtures.httpListener(elb, ElbFixtures.alb(elb, "web"), group);
        elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip), t -> t.id("172.31.99.99")));

        clock.advance(Duration.ofSeconds(1));
        assertThat(ElbFixtures.states(elb, group)).containsExactly("initial", "initial");
        clock.advance(Duration.ofSeconds(30));
        var described = elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions();
        assertThat(described.get(0).targetHealth()).isEqualTo(TargetHealth.builder().state("unhealthy")
                .reason("Target.ResponseCodeMismatch").description("Health checks failed with these codes: [404]").build());
        assertThat(described.get(1).targetHealth()).isEqualTo(TargetHealth.builder().state("unhealthy")
                .reason("Target.FailedHealthChecks").description("Health checks failed").build());

        elb.modifyTargetGroup(r -> r.targetGroupArn(group.targetGroupArn()).healthCheckPath("/"));
        clock.advance(Duration.ofSeconds(30 * 4));
        assertThat(ElbFixtures.states(elb, group)).containsExactly("unhealthy", "unhealthy");
        clock.advance(Duration.ofSeconds(30));
        assertThat(ElbFixtures.states(elb, group)).as("healthy again after 5 passes in a row").containsExactly("healthy", "unhealthy");
    }

    @Test
    @DisplayName("A deregistered target drains for the deregistration delay (Target.DeregistrationInProgress), then is gone; "
            + "asked for by name, an unregistered target is unused (Target.NotRegistered)")
    void draining() {
        String ip = ElbFixtures.nginxTask(ecs, clock);
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        ElbFixtures.httpListener(elb, ElbFixtures.alb(elb, "web"), group);
        elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)));
        clock.advance(Duration.ofSeconds(1));

        elb.deregisterTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)));
        assertThat(health(group)).isEqualTo(TargetHealth.builder().state("draining").reason("Target.DeregistrationInProgress")
                .description("Target deregistration is in progress").build());
        clock.advance(Duration.ofSeconds(299));
        assertThat(ElbFixtures.states(elb, group)).containsExactly("draining");
        clock.advance(Duration.ofSeconds(1));
        assertThat(ElbFixtures.states(elb, group)).isEmpty();
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)))
                .targetHealthDescriptions().get(0).targetHealth().reasonAsString()).isEqualTo("Target.NotRegistered");
    }

    @Test
    @DisplayName("An ip target group takes only IPv4 addresses (InvalidTarget); deregistering a target not registered is InvalidTarget")
    void invalidTargets() {
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id("i-0123456789abcdef0"))))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> elb.deregisterTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id("10.0.0.1"))))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("not registered");
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("slow").protocol("HTTP").port(80).vpcId("vpc-0ec5c0ffee0000001")
                .targetType("ip").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(5)))
                .hasMessageContaining("must be smaller than the interval");
    }

    @Test
    @DisplayName("CreateTargetGroup in a VPC id that cannot exist (vpc-1) is a ValidationError: The VPC ID 'vpc-1' is not found")
    void unknownVpc() {
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("lost").protocol("HTTP").port(80).vpcId("vpc-1").targetType("ip")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"))
                .hasMessageContaining("The VPC ID 'vpc-1' is not found");
        assertThat(elb.describeTargetGroups().targetGroups()).noneMatch(group -> group.targetGroupName().equals("lost"));
    }

    private TargetHealth health(TargetGroup group) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions().get(0).targetHealth();
    }
}
