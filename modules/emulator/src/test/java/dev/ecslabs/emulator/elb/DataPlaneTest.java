package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The data plane over real HTTP against a simulated nginx task: the listener's local URL from
 * {@code GET /_emulator/load-balancers/<name>/url}, nginx's welcome page and 404 through it, rules
 * (path, host, header, query) with fixed responses and redirects, and 503 with no target.
 */
@EmulatorTest(account = "111111111111", scope = EmulatorTest.Scope.EACH_TEST)
class DataPlaneTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Emulator emulator;
    ElasticLoadBalancingV2Client elb;
    EcsClient ecs;
    ManualClock clock;

    @Test
    @DisplayName("The listener's local URL answers with the nginx task's welcome page at / and its 404 elsewhere; "
            + "with its target deregistered, 503")
    void forwardsToTheTask() throws Exception {
        String ip = ElbFixtures.nginxTask(ecs, clock);
        LoadBalancer lb = ElbFixtures.alb(elb, "web");
        TargetGroup group = ElbFixtures.ipGroup(elb, "web");
        ElbFixtures.httpListener(elb, lb, group);
        String url = url("web");
        assertThat(get(url + "/").statusCode()).as("no target registered yet").isEqualTo(503);

        elb.registerTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)));
        assertThat(get(url + "/").statusCode()).as("initial: not routed to yet").isEqualTo(503);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> welcome = get(url + "/");
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.body()).contains("Welcome to nginx!");
        assertThat(get(url + "/nothing").statusCode()).isEqualTo(404);

        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn())
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("0")));
        elb.deregisterTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(t -> t.id(ip)));
        HttpResponse<String> unavailable = get(url + "/");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("503 Service Temporarily Unavailable");
        assertThat(unavailable.headers().firstValue("Server")).hasValue("awselb/2.0");
    }

    @Test
    @DisplayName("Rules route by path, host, header and query string, in priority order, to fixed responses and redirects")
    void rulesRoute() throws Exception {
        LoadBalancer lb = ElbFixtures.alb(elb, "web");
        String listener = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol("HTTP").port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("404")
                        .contentType("text/plain").messageBody("default")))).listeners().get(0).listenerArn();
        fixed(listener, 10, "path-pattern", "/api/*", "api");
        elb.createRule(r -> r.listenerArn(listener).priority(5).conditions(c -> c.field("host-header")
                        .hostHeaderConfig(h -> h.values("admin.*")))
                .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("403").messageBody("admin"))));
        elb.createRule(r -> r.listenerArn(listener).priority(20).conditions(c -> c.field("http-header")
                        .httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("y*")))
                .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("200").messageBody("canary"))));
        elb.createRule(r -> r.listenerArn(listener).priority(30).conditions(c -> c.field("query-string")
                        .queryStringConfig(q -> q.values(v -> v.key("version").value("2"))))
                .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("200").messageBody("v2"))));
        elb.createRule(r -> r.listenerArn(listener).priority(40).conditions(c -> c.field("path-pattern").values("/old"))
                .actions(a -> a.type(ActionTypeEnum.REDIRECT).redirectConfig(d -> d.path("/new").query("from=#{path}")
                        .statusCode(RedirectActionStatusCodeEnum.HTTP_301))));
        String url = url("web");

        assertThat(get(url + "/api/orders").body()).isEqualTo("api");
        assertThat(get(url + "/API/orders").body()).as("paths are case-sensitive").isEqualTo("default");
        assertThat(get(url + "/").statusCode()).isEqualTo(404);
        String admin = withHost(url, "/api/x", "Admin.example.com:80");
        assertThat(admin).as("priority 5 before 10; host names ignore case").startsWith("HTTP/1.1 403").endsWith("admin");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/x")).header("X-Canary", "yes").build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("canary");
        assertThat(get(url + "/x?version=2").body()).isEqualTo("v2");
        HttpResponse<String> moved = get(url + "/old");
        assertThat(moved.statusCode()).isEqualTo(301);
        assertThat(moved.headers().firstValue("Location").orElseThrow()).endsWith(":80/new?from=old");
    }

    /** A GET with its own Host header, which java.net.http will not send. */
    private static String withHost(String url, String path, String host) throws Exception {
        URI uri = URI.create(url);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void fixed(String listener, int priority, String field, String value, String body) {
        elb.createRule(r -> r.listenerArn(listener).priority(priority).conditions(c -> c.field(field).values(value))
                .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("200").messageBody(body))));
    }

    @Test
    @DisplayName("GET /_emulator/load-balancers/<name>/url answers only the caller's account: another account's key gets 404")
    void urlRouteIsPerAccount() throws Exception {
        ElbFixtures.httpListener(elb, ElbFixtures.alb(elb, "web"), ElbFixtures.ipGroup(elb, "web"));
        JsonNode listeners = urlRoute("111111111111", "web");
        assertThat(listeners.path("listeners").get(0).path("port").asInt()).isEqualTo(80);
        assertThat(listeners.path("listeners").get(0).path("protocol").asText()).isEqualTo("HTTP");
        HttpResponse<String> other = HTTP.send(SignedRequests.signed("GET", URI.create(emulator.url() + "/_emulator/load-balancers/web/url"),
                "222222222222", "secret", "us-east-1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }

    private JsonNode urlRoute(String account, String name) throws Exception {
        HttpResponse<String> response = HTTP.send(SignedRequests.signed("GET", URI.create(emulator.url()
                + "/_emulator/load-balancers/" + name + "/url"), account, "secret", "us-east-1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private String url(String name) throws Exception {
        return urlRoute("111111111111", name).path("listeners").get(0).path("url").asText();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
