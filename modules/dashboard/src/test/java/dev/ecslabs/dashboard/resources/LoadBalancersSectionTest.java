package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.ManualClockEmulator;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The load balancer section read through the SDK from an emulator on a manual clock: an ALB with a
 * listener, a rule and an ECS service's tasks behind it, as DescribeLoadBalancers, DescribeListeners,
 * DescribeRules and DescribeTargetHealth tell them, with the local URL from the emulator's route.
 */
class LoadBalancersSectionTest {
    static ManualClockEmulator backend;

    @BeforeAll
    static void start() {
        backend = new ManualClockEmulator();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    @DisplayName("An ALB shows its state, DNS name, each listener's local URL and rules by priority, and each target's health "
            + "with AWS's reason; a target group no listener uses is listed apart with Target.NotInUse")
    void loadBalancerWithServiceBehindIt() throws Exception {
        BackendConnection account = backend.account("181818181818");
        try (ElasticLoadBalancingV2Client elb = account.elb(); EcsClient ecs = account.ecs(); ResourcesView view = new ResourcesView(account)) {
            LoadBalancer alb = elb.createLoadBalancer(r -> r.name("shop").subnets(DefaultVpc.SUBNET_IDS.subList(0, 2))).loadBalancers().get(0);
            TargetGroup web = targetGroup(elb, "web");
            TargetGroup api = targetGroup(elb, "api");
            String listener = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(web.targetGroupArn()))).listeners().get(0).listenerArn();
            elb.createRule(r -> r.listenerArn(listener).priority(10)
                    .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/api/*")))
                    .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("503").messageBody("api is down"))));
            TargetGroup spare = targetGroup(elb, "spare");
            elb.registerTargets(r -> r.targetGroupArn(spare.targetGroupArn()).targets(t -> t.id("172.31.0.99").port(80)));
            webService(ecs, web);
            backend.advance(Duration.ofMinutes(2));

            LoadBalancersSection section = LoadBalancersSection.read(elb, name -> localUrls(view, name),
                    new AwsTime(backend.clock.now(), java.time.Instant.now(), 1));

            assertThat(section.unavailable()).isNull();
            assertThat(section.loadBalancers()).singleElement().satisfies(lb -> {
                assertThat(lb.loadBalancer().state().codeAsString()).isEqualTo("active");
                assertThat(lb.loadBalancer().dnsName()).startsWith("shop-").endsWith(".us-east-1.elb.amazonaws.com");
                assertThat(lb.listeners()).singleElement().satisfies(l -> {
                    assertThat(l.localUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
                    assertThat(l.rules()).extracting(LoadBalancersSection.RuleView::priority).containsExactly("10", "default");
                    assertThat(l.rules().get(0).conditions()).containsExactly("path-pattern is /api/*");
                    assertThat(l.rules().get(0).actions()).containsExactly("fixed response 503 \"api is down\"");
                    assertThat(l.rules().get(1).actions()).containsExactly("forward to web");
                });
                assertThat(lb.targetGroups()).extracting(g -> g.group().targetGroupName()).containsExactly("web");
                List<TargetHealthDescription> targets = lb.targetGroups().get(0).targets();
                assertThat(targets).hasSize(2).allSatisfy(t -> {
                    assertThat(t.target().id()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
                    assertThat(t.target().port()).isEqualTo(80);
                    assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy");
                });
            });
            assertThat(section.unattached()).extracting(g -> g.group().targetGroupName()).containsExactlyInAnyOrder("api", "spare");
            TargetHealthDescription unused = section.unattached().stream().filter(g -> g.group().targetGroupName().equals("spare"))
                    .findFirst().orElseThrow().targets().get(0);
            assertThat(unused.targetHealth().stateAsString()).isEqualTo("unused");
            assertThat(unused.targetHealth().reasonAsString()).isEqualTo("Target.NotInUse");
            assertThat(unused.targetHealth().description()).isNotBlank();

            Document html = Jsoup.parse(section.render());
            Element article = html.selectFirst("section#load-balancers > article.load-balancer[data-name=shop]");
            assertThat(article).isNotNull();
            assertThat(article.select("span.lb-state").text()).isEqualTo("active");
            assertThat(article.select("p.dns code").text()).isEqualTo(alb.dnsName());
            assertThat(article.select("div.listener[data-port=80] a.local-url").attr("href")).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(article.select("tr.rule[data-priority=10] > td").eachText())
                    .containsExactly("10", "path-pattern is /api/*", "fixed response 503 \"api is down\"");
            assertThat(article.select("div.target-group[data-name=web] tr.target[data-state=healthy]")).hasSize(2);
            Element spareRow = html.selectFirst("div.unattached div.target-group[data-name=spare] tr.target");
            assertThat(spareRow.attr("data-state")).isEqualTo("unused");
            assertThat(spareRow.select("code.reason").text()).isEqualTo("Target.NotInUse");
        }
    }

    @Test
    @DisplayName("An account without load balancers or target groups has no section; the page says how to create one instead")
    void noLoadBalancers() {
        try (ResourcesView view = new ResourcesView(backend.account("181818181819"))) {
            Document page = Jsoup.parse(view.render());

            assertThat(page.select("section#load-balancers")).isEmpty();
            assertThat(page.select("section#not-yet li[data-section=load-balancers]").text()).contains("CreateLoadBalancer");
        }
    }

    private static java.util.Map<Integer, String> localUrls(ResourcesView view, String name) {
        try {
            return LoadBalancersSection.urlsByPort(Optional.of(new EmulatorRoutes(view.backend()).loadBalancerUrls(name)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TargetGroup targetGroup(ElasticLoadBalancingV2Client elb, String name) {
        return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId(DefaultVpc.VPC_ID).targetType("ip"))
                .targetGroups().get(0);
    }

    private static void webService(EcsClient ecs, TargetGroup group) {
        ecs.createCluster(r -> r.clusterName("shop"));
        String definition = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web")
                        .image("public.ecr.aws/nginx/nginx:1.27").portMappings(p -> p.containerPort(80))))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(definition).desiredCount(2)
                .launchType(LaunchType.FARGATE).loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(80))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS).securityGroups(DefaultVpc.SECURITY_GROUP_ID))));
    }
}
