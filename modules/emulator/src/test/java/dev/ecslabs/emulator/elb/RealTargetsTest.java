package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import dev.ecslabs.emulator.runtime.JavaAppImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.waiters.ElasticLoadBalancingV2Waiter;

/**
 * The data plane in front of real processes: a service of two Jib-built Java tasks behind an ALB,
 * health-checked with real requests, answering through the listener's local URL round robin, each
 * request carrying X-Forwarded-For, -Proto and -Port and the Host as the load balancer's attributes
 * say (HeaderProcessing); and a task behind an NLB's TCP listener, whose
 * connections are relayed as they are.
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED, speed = 20, account = "210987654322")
class RealTargetsTest {
    static Emulator emulator;
    static EcsClient ecs;
    static EcrClient ecr;
    static ElasticLoadBalancingV2Client elb;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("Two real tasks of a service become healthy by real health checks and answer through the ALB in turn, "
            + "with X-Forwarded-For/-Proto/-Port and the Host by the load balancer's header attributes")
    void realTasksBehindTheLoadBalancer(@TempDir Path work) throws Exception {
        String uri = ecr.createRepository(b -> b.repositoryName("hello")).repository().repositoryUri();
        JavaAppImages.push(ecr, uri, "1", work);
        TargetGroup group = elb.createTargetGroup(r -> r.name("hello").protocol("HTTP").port(8080).vpcId(DefaultVpc.VPC_ID)
                .targetType("ip").healthCheckPath("/health").healthCheckIntervalSeconds(10)).targetGroups().get(0);
        LoadBalancer lb = ElbFixtures.alb(elb, "hello");
        ElbFixtures.httpListener(elb, lb, group);
        runService("real", "hello", uri, group, 2);

        try (ElasticLoadBalancingV2Waiter waiter = ElasticLoadBalancingV2Waiter.builder().client(elb)
                .overrideConfiguration(WaiterOverrideConfiguration.builder().maxAttempts(600)
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).build()).build()) {
            waiter.waitUntilTargetInService(r -> r.targetGroupArn(group.targetGroupArn()));
            List<String> ids = elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn())).targetHealthDescriptions()
                    .stream().map(d -> d.target().id()).toList();
            assertThat(ids).hasSize(2);
            waiter.waitUntilTargetInService(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ids.get(0)).port(8080),
                    t -> t.id(ids.get(1)).port(8080)));
        }
        String url = new ObjectMapper().readTree(HTTP.send(SignedRequests.signed("GET", URI.create(emulator.url()
                        + "/_emulator/load-balancers/hello/url"), "210987654322", "secret", "us-east-1").build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("listeners").get(0).path("url").asText();
        Set<String> from = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/forwarded")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            // the client's Host was 127.0.0.1:<local port>: the ALB sends the listener's port instead
            assertThat(answer.body()).contains("host=127.0.0.1:80\nfor=127.0.0.1\nproto=http\nport=80\nfrom=ip-");
            from.add(answer.body().substring(answer.body().indexOf("from=")));
        }
        assertThat(from).as("round robin over both tasks").hasSize(2);

        String sent = "GET /forwarded HTTP/1.1\r\nHost: shop.example.com:8000\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close\r\n\r\n";
        assertThat(NetworkLoadBalancerTest.exchange(url, sent)).as("by default: the listener's port, the client's IP appended")
                .contains("host=shop.example.com:80\nfor=203.0.113.7, 127.0.0.1\nproto=http\nport=80");
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()).attributes(
                a -> a.key("routing.http.preserve_host_header.enabled").value("true"),
                a -> a.key("routing.http.xff_header_processing.mode").value("remove")));
        assertThat(NetworkLoadBalancerTest.exchange(url, sent)).as("the Host preserved, X-Forwarded-For removed")
                .contains("host=shop.example.com:8000\nfor=null\nproto=http");
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()).attributes(
                a -> a.key("routing.http.xff_header_processing.mode").value("preserve")));
        assertThat(NetworkLoadBalancerTest.exchange(url, sent)).as("X-Forwarded-For preserved as the client sent it")
                .contains("host=shop.example.com:8000\nfor=203.0.113.7\nproto=http");
    }

    @Test
    @DisplayName("A real task behind an NLB's TCP listener: healthy by TCP health checks (a connect), its HTTP reaches it "
            + "byte for byte through the tcp:// address, without X-Forwarded headers")
    void realTaskBehindANetworkLoadBalancer(@TempDir Path work) throws Exception {
        String uri = ecr.createRepository(b -> b.repositoryName("hello-tcp")).repository().repositoryUri();
        JavaAppImages.push(ecr, uri, "1", work);
        TargetGroup group = elb.createTargetGroup(r -> r.name("hello-tcp").protocol("TCP").port(8080).vpcId(DefaultVpc.VPC_ID)
                .targetType("ip").healthCheckIntervalSeconds(10).healthCheckTimeoutSeconds(5)).targetGroups().get(0);
        String nlb = elb.createLoadBalancer(r -> r.name("hello-tcp").type("network").subnets(DefaultVpc.SUBNET_IDS.subList(0, 2)))
                .loadBalancers().get(0).loadBalancerArn();
        elb.createListener(r -> r.loadBalancerArn(nlb).protocol("TCP").port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())));
        runService("real-tcp", "hello-tcp", uri, group, 1);
        try (ElasticLoadBalancingV2Waiter waiter = ElasticLoadBalancingV2Waiter.builder().client(elb)
                .overrideConfiguration(WaiterOverrideConfiguration.builder().maxAttempts(600)
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).build()).build()) {
            waiter.waitUntilTargetInService(r -> r.targetGroupArn(group.targetGroupArn()));
        }
        String url = new ObjectMapper().readTree(HTTP.send(SignedRequests.signed("GET", URI.create(emulator.url()
                        + "/_emulator/load-balancers/hello-tcp/url"), "210987654322", "secret", "us-east-1").build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("listeners").get(0).path("url").asText();
        assertThat(url).startsWith("tcp://127.0.0.1:");

        String answer = NetworkLoadBalancerTest.exchange(url, "GET /forwarded HTTP/1.1\r\nHost: nlb\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("for=null\nproto=null\nport=null\nfrom=ip-");
    }

    /** A cluster and a Fargate service of {@code count} tasks of the image {@code uri:1}, its port 8080 in {@code group}. */
    private static void runService(String cluster, String family, String uri, TargetGroup group, int count) {
        ecs.createCluster(r -> r.clusterName(cluster));
        String definition = ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("app").image(uri + ":1").essential(true)
                        .portMappings(p -> p.containerPort(8080)).build())).taskDefinition().taskDefinitionArn();
        // A JVM on a loaded 2-core machine may take seconds to listen, minutes at x20: the grace period (as AWS advises for
        // slow starters) keeps ECS from replacing a task whose target fails its first checks
        // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html#sd-healthcheckgraceperiodseconds)
        ecs.createService(r -> r.cluster(cluster).serviceName("hello").taskDefinition(definition).desiredCount(count)
                .launchType(LaunchType.FARGATE).healthCheckGracePeriodSeconds(1200)
                .loadBalancers(l -> l.targetGroupArn(group.targetGroupArn()).containerName("app").containerPort(8080))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)
                        .securityGroups(DefaultVpc.SECURITY_GROUP_ID).assignPublicIp(AssignPublicIp.ENABLED))));
    }
}
