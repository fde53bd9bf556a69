package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * A Network Load Balancer's TCP listener over real sockets against a simulated nginx task: its local
 * {@code tcp://} address in {@code GET /_emulator/load-balancers/<name>/url}, connections closed while
 * no target is healthy, relayed once TCP health checks (a connect) pass, and a target where nothing
 * listens turning unhealthy after the target group's threshold of failed checks on the emulator clock.
 */
@EmulatorTest(account = "111111111112", scope = EmulatorTest.Scope.EACH_TEST)
class NetworkLoadBalancerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    Emulator emulator;
    ElasticLoadBalancingV2Client elb;
    EcsClient ecs;
    ManualClock clock;

    @Test
    @DisplayName("A TCP listener's tcp:// address closes connections until its target passes a TCP health check, then "
            + "relays them to the target (here nginx's welcome page)")
    void relaysConnectionsToAHealthyTarget() throws Exception {
        String ip = ElbFixtures.nginxTask(ecs, clock);
        LoadBalancer nlb = nlb("tcp-web");
        TargetGroup group = tcpGroup("tcp-web", 80, 30, 3);
        tcpListener(nlb, group, 80);
        JsonNode listener = urlRoute("tcp-web").path("listeners").get(0);
        assertThat(listener.path("protocol").asText()).isEqualTo("TCP");
        assertThat(listener.path("port").asInt()).isEqualTo(80);
        String url = listener.path("url").asText();
        assertThat(url).matches("tcp://127\\.0\\.0\\.1:\\d+");
        assertThat(exchange(url, "GET / HTTP/1.1\r\nHost: nlb\r\n\r\n")).as("no target: the connection is closed").isEmpty();

        elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(ElbFixtures.states(elb, group)).containsExactly("healthy");
        String answer = exchange(url, "GET / HTTP/1.1\r\nHost: nlb\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("Welcome to nginx!").doesNotContain("awselb");
    }

    @Test
    @DisplayName("A target whose port does not accept connections fails its TCP health checks and turns unhealthy after "
            + "UnhealthyThresholdCount checks HealthCheckIntervalSeconds apart (Target.FailedHealthChecks)")
    void tcpHealthChecksFollowTheThresholds() {
        String ip = ElbFixtures.nginxTask(ecs, clock);
        TargetGroup group = tcpGroup("deaf", 9090, 30, 3); // nginx listens on 80, nothing on 9090
        tcpListener(nlb("deaf"), group, 9090);
        elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(ElbFixtures.states(elb, group)).as("one failed check of three").containsExactly("initial");
        clock.advance(Duration.ofSeconds(30));
        assertThat(ElbFixtures.states(elb, group)).as("two failed checks of three").containsExactly("initial");
        clock.advance(Duration.ofSeconds(30));
        TargetHealth health = elb.describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn()))
                .targetHealthDescriptions().get(0).targetHealth();
        assertThat(health.stateAsString()).isEqualTo("unhealthy");
        assertThat(health.reasonAsString()).isEqualTo("Target.FailedHealthChecks");
    }

    private LoadBalancer nlb(String name) {
        return elb.createLoadBalancer(r -> r.name(name).type("network").subnets(DefaultVpc.SUBNET_IDS.subList(0, 2)))
                .loadBalancers().get(0);
    }

    private TargetGroup tcpGroup(String name, int port, int interval, int unhealthyThreshold) {
        return elb.createTargetGroup(r -> r.name(name).protocol("TCP").port(port).vpcId(DefaultVpc.VPC_ID).targetType("ip")
                .healthCheckIntervalSeconds(interval).unhealthyThresholdCount(unhealthyThreshold)).targetGroups().get(0);
    }

    private void tcpListener(LoadBalancer nlb, TargetGroup group, int port) {
        elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol("TCP").port(port)
                .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())));
    }

    /** Writes {@code request} on a new connection to a tcp:// address and reads until the other side closes. */
    static String exchange(String tcpUrl, String request) throws IOException {
        URI uri = URI.create(tcpUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketException reset) {
                return ""; // reset rather than closed: nothing was answered either way
            }
        }
    }

    private JsonNode urlRoute(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET", URI.create(emulator.url()
                + "/_emulator/load-balancers/" + name + "/url"), "111111111112", "secret", "us-east-1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
