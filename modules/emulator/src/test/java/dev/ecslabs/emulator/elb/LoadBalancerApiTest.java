package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** Load balancers through the real SDK: CreateLoadBalancer, its state on the clock, Describe, attributes, tags, Delete. */
@EmulatorTest(account = "111111111111", scope = EmulatorTest.Scope.EACH_TEST)
class LoadBalancerApiTest {
    ElasticLoadBalancingV2Client elb;
    ManualClock clock;

    @Test
    @DisplayName("An ALB is created provisioning in the default VPC with AWS's ARN and DNS name, and is active 90 s later, "
            + "which the SDK's loadBalancerAvailable waiter sees")
    void createdProvisioningThenActive() {
        LoadBalancer lb = ElbFixtures.alb(elb, "web");

        assertThat(lb.loadBalancerArn()).matches("arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/[0-9a-f]{16}");
        assertThat(lb.dnsName()).matches("web-\\d+\\.us-east-1\\.elb\\.amazonaws\\.com");
        assertThat(lb.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        assertThat(lb.scheme()).isEqualTo(LoadBalancerSchemeEnum.INTERNET_FACING);
        assertThat(lb.vpcId()).isEqualTo(DefaultVpc.VPC_ID);
        assertThat(lb.availabilityZones()).extracting(z -> z.zoneName()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(lb.securityGroups()).containsExactly(DefaultVpc.SECURITY_GROUP_ID);

        clock.advance(Duration.ofSeconds(89));
        assertThat(elb.describeLoadBalancers(r -> r.names("web")).loadBalancers().get(0).state().code())
                .isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(elb.waiter().waitUntilLoadBalancerAvailable(r -> r.names("web")).matched().response()).isPresent();
    }

    @Test
    @DisplayName("CreateLoadBalancer is idempotent for the same settings; another scheme under the name is DuplicateLoadBalancerName")
    void idempotentCreate() {
        LoadBalancer first = ElbFixtures.alb(elb, "web");
        assertThat(ElbFixtures.alb(elb, "web").loadBalancerArn()).isEqualTo(first.loadBalancerArn());
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("web").scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(DefaultVpc.SUBNET_IDS)))
                .isInstanceOf(DuplicateLoadBalancerNameException.class);
        assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(1);
    }

    @Test
    @DisplayName("An ALB needs two subnets in two zones (ValidationError), real subnet ids (SubnetNotFound) and a valid name")
    void subnetsAndNames() {
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("web").subnets(DefaultVpc.SUBNET_IDS.get(0))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).contains("At least two subnets in two different Availability Zones");
                });
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("web").subnets("subnet-nope", "subnet-0ec5c0ffee000000a")))
                .isInstanceOf(SubnetNotFoundException.class).hasMessageContaining("subnet-nope");
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("-web").subnets(DefaultVpc.SUBNET_IDS)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThat(elb.createLoadBalancer(r -> r.name("tcp").type("network").subnets(DefaultVpc.SUBNET_IDS.get(0)))
                .loadBalancers().get(0).loadBalancerArn()).contains(":loadbalancer/net/tcp/");
    }

    @Test
    @DisplayName("Describe by an unknown name or ARN is LoadBalancerNotFound; Describe pages with PageSize and Marker")
    void describe() {
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names("nope"))).isInstanceOf(LoadBalancerNotFoundException.class);
        for (String name : List.of("a", "b", "c")) {
            ElbFixtures.alb(elb, name);
        }
        var first = elb.describeLoadBalancers(r -> r.pageSize(2));
        assertThat(first.loadBalancers()).hasSize(2);
        var second = elb.describeLoadBalancers(r -> r.pageSize(2).marker(first.nextMarker()));
        assertThat(second.loadBalancers()).hasSize(1);
        assertThat(second.nextMarker()).isNull();
        assertThat(elb.describeLoadBalancersPaginator(r -> r.pageSize(1)).loadBalancers()).hasSize(3);
    }

    @Test
    @DisplayName("Attributes have AWS's defaults; deletion protection refuses DeleteLoadBalancer until it is turned off; "
            + "an unknown key or an X-Forwarded-For mode other than append, preserve, remove is InvalidConfigurationRequest")
    void attributesAndDeletionProtection() {
        String arn = ElbFixtures.alb(elb, "web").loadBalancerArn();
        assertThat(elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes())
                .contains(attribute("idle_timeout.timeout_seconds", "60"), attribute("deletion_protection.enabled", "false"),
                        attribute("routing.http.preserve_host_header.enabled", "false"),
                        attribute("routing.http.xff_header_processing.mode", "append"),
                        attribute("routing.http.xff_client_port.enabled", "false"));
        assertThatThrownBy(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn)
                .attributes(attribute("routing.http.xff_header_processing.mode", "drop"))))
                .hasMessageContaining("must be one of [append, preserve, remove], not 'drop'");
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(attribute("deletion_protection.enabled", "true")));

        assertThatThrownBy(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn))).isInstanceOf(OperationNotPermittedException.class)
                .hasMessageContaining("deletion protection");
        assertThatThrownBy(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(attribute("nope", "1"))))
                .hasMessageContaining("Key nope not valid");

        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(attribute("deletion_protection.enabled", "false")));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn));
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn)); // a second delete succeeds, as AWS's does
        assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
    }

    @Test
    @DisplayName("Tags: added at creation and with AddTags, replaced by key, removed, and described per ARN")
    void tags() {
        String arn = elb.createLoadBalancer(r -> r.name("web").subnets(DefaultVpc.SUBNET_IDS)
                .tags(Tag.builder().key("team").value("shop").build())).loadBalancers().get(0).loadBalancerArn();
        elb.addTags(r -> r.resourceArns(arn).tags(Tag.builder().key("team").value("web").build(), Tag.builder().key("env").value("lab").build()));
        elb.removeTags(r -> r.resourceArns(arn).tagKeys("env"));
        assertThat(elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags())
                .containsExactly(Tag.builder().key("team").value("web").build());
    }

    private static LoadBalancerAttribute attribute(String key, String value) {
        return LoadBalancerAttribute.builder().key(key).value(value).build();
    }
}
