package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/** Listener rules in words, for the condition and action types ELB documents. */
class RuleWordsTest {
    static final String BLUE = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/blue/0123456789abcdef";
    static final String GREEN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/green/fedcba9876543210";

    @Test
    @DisplayName("Conditions: a field is one of its values; an HTTP header names itself; a query string reads key=value")
    void conditions() {
        assertThat(RuleWords.conditions(List.of(
                RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("shop.example.com", "*.shop.example.com")).build(),
                RuleCondition.builder().field("path-pattern").values("/img/*").build(),
                RuleCondition.builder().field("http-header").httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("yes")).build(),
                RuleCondition.builder().field("query-string").queryStringConfig(q -> q.values(v -> v.key("v").value("2"), v -> v.value("beta"))).build(),
                RuleCondition.builder().field("http-request-method").httpRequestMethodConfig(m -> m.values("GET", "HEAD")).build())))
                .containsExactly("host-header is shop.example.com or *.shop.example.com", "path-pattern is /img/*",
                        "http-header X-Canary is yes", "query-string is v=2 or beta", "http-request-method is GET or HEAD");
    }

    @Test
    @DisplayName("Actions in their order: weighted forwards name each target group and weight, a redirect keeps AWS's #{} placeholders")
    void actions() {
        Map<String, String> names = Map.of(BLUE, "blue", GREEN, "green");
        assertThat(RuleWords.actions(List.of(
                Action.builder().type("forward").order(2).forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(BLUE).weight(80),
                        t -> t.targetGroupArn(GREEN).weight(20))).build(),
                Action.builder().type("redirect").order(1).redirectConfig(r -> r.protocol("HTTPS").port("443").statusCode("HTTP_301")).build()),
                names)).containsExactly("redirect HTTP_301 to https://#{host}:443/#{path}?#{query}",
                        "forward to blue (weight 80), green (weight 20)");
        assertThat(RuleWords.actions(List.of(Action.builder().type("forward").targetGroupArn(GREEN).build(),
                Action.builder().type("fixed-response").fixedResponseConfig(f -> f.statusCode("404")).build()), Map.of()))
                .as("a target group not read by the name in its ARN").containsExactly("forward to green", "fixed response 404");
    }
}
