package dev.ecslabs.emulator.elb;

import java.util.Map;
import java.util.TreeMap;

/**
 * A target group's attributes with AWS's defaults and the ranges it takes
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-attributes):
 * deregistration delay 300 s (0–3600), round robin, no stickiness, no slow start.
 */
final class TargetGroupAttributes {
    private TargetGroupAttributes() {
    }

    static Map<String, String> defaults(String targetType, String protocol) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("deregistration_delay.timeout_seconds", "300");
        attributes.put("stickiness.enabled", "false");
        if (protocol.startsWith("HTTP")) {
            attributes.put("stickiness.type", "lb_cookie");
            attributes.put("stickiness.lb_cookie.duration_seconds", "86400");
            attributes.put("load_balancing.algorithm.type", "round_robin");
            attributes.put("slow_start.duration_seconds", "0");
        } else {
            attributes.put("stickiness.type", "source_ip");
            attributes.put("deregistration_delay.connection_termination.enabled", "false");
            attributes.put("preserve_client_ip.enabled", targetType.equals("ip") ? "false" : "true");
        }
        return attributes;
    }

    static void check(Map<String, String> current, String key, String value) {
        if (!current.containsKey(key)) {
            throw ElbErrors.invalidConfiguration("Key " + key + " not valid for this target group; its keys are "
                    + current.keySet() + ".");
        }
        if (key.endsWith(".enabled") && !value.equals("true") && !value.equals("false")) {
            throw ElbErrors.invalidConfiguration(key + " must be true or false, not '" + value + "'.");
        }
        if (key.equals("deregistration_delay.timeout_seconds")) {
            int seconds = LoadBalancerAttributes.number(key, value);
            if (seconds < 0 || seconds > 3600) {
                throw ElbErrors.invalidConfiguration(key + " must be from 0 to 3600 seconds, not " + value + ".");
            }
        }
        if (key.equals("load_balancing.algorithm.type") && !value.equals("round_robin")
                && !value.equals("least_outstanding_requests") && !value.equals("weighted_random")) {
            throw ElbErrors.invalidConfiguration(key + " must be round_robin, least_outstanding_requests or weighted_random.");
        }
    }
}
