package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.fargate;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.elb.ElbFixtures;
import dev.ecslabs.emulator.network.DefaultVpc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * A service's target group must exist and have a load balancer before CreateService or UpdateService
 * names it; ECS answers InvalidParameterException "The target group with targetGroupArn … does not
 * have an associated load balancer." otherwise, and the request changes nothing.
 */
@EmulatorTest(account = ServiceTargetGroupRulesTest.ACCOUNT, scope = EmulatorTest.Scope.EACH_TEST)
class ServiceTargetGroupRulesTest {
    static final String ACCOUNT = "123456789013";
    EcsClient ecs;
    ElasticLoadBalancingV2Client elb;
    String web;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName("shop"));
        web = registerWeb(ecs, "web");
    }

    @Test
    @DisplayName("CreateService refuses a target group no listener or rule forwards to, and creates no service")
    void createRefusesATargetGroupWithoutLoadBalancer() {
        String lonely = ElbFixtures.ipGroup(elb, "lonely").targetGroupArn();

        assertThatThrownBy(() -> ecs.createService(fargate("shop", "web", web, 1)
                .loadBalancers(lb -> lb.targetGroupArn(lonely).containerName("web").containerPort(80)).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The target group with targetGroupArn " + lonely + " does not have an associated load balancer.");
        assertThat(ecs.listServices(r -> r.cluster("shop")).serviceArns()).isEmpty();
    }

    @Test
    @DisplayName("CreateService refuses a well-formed target group ARN that names no target group")
    void createRefusesATargetGroupThatDoesNotExist() {
        String madeUp = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":targetgroup/web/0123456789abcdef";

        assertThatThrownBy(() -> ecs.createService(fargate("shop", "web", web, 1)
                .loadBalancers(lb -> lb.targetGroupArn(madeUp).containerName("web").containerPort(80)).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The target group with targetGroupArn " + madeUp + " does not exist.");
    }

    @Test
    @DisplayName("UpdateService refuses to move a service to a target group without a load balancer and keeps the one it had")
    void updateRefusesATargetGroupWithoutLoadBalancer() {
        String attached = ElbFixtures.attachedTargetGroup(elb, "web").targetGroupArn();
        ecs.createService(fargate("shop", "web", web, 1)
                .loadBalancers(lb -> lb.targetGroupArn(attached).containerName("web").containerPort(80)).build());
        String lonely = elb.createTargetGroup(r -> r.name("lonely").protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID)
                .targetType("ip")).targetGroups().get(0).targetGroupArn();

        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("shop").service("web")
                .loadBalancers(lb -> lb.targetGroupArn(lonely).containerName("web").containerPort(80))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("does not have an associated load balancer.");
        assertThat(ecs.describeServices(r -> r.cluster("shop").services("web")).services().get(0).loadBalancers())
                .singleElement().satisfies(lb -> assertThat(lb.targetGroupArn()).isEqualTo(attached));
    }
}
