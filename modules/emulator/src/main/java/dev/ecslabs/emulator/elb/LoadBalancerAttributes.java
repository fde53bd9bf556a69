package dev.ecslabs.emulator.elb;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A load balancer's attributes with AWS's defaults, and the keys and values each type takes
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html#load-balancer-attributes).
 */
final class LoadBalancerAttributes {
    private static final Map<String, String> APPLICATION = Map.ofEntries(
            Map.entry("deletion_protection.enabled", "false"),
            Map.entry("idle_timeout.timeout_seconds", "60"),
            Map.entry("routing.http2.enabled", "true"),
            Map.entry("access_logs.s3.enabled", "false"),
            Map.entry("access_logs.s3.bucket", ""),
            Map.entry("access_logs.s3.prefix", ""),
            Map.entry("routing.http.drop_invalid_header_fields.enabled", "false"),
            Map.entry("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false"),
            Map.entry(HeaderProcessing.XFF_MODE, "append"),
            Map.entry(HeaderProcessing.XFF_CLIENT_PORT, "false"),
            Map.entry(HeaderProcessing.PRESERVE_HOST, "false"),
            Map.entry("load_balancing.cross_zone.enabled", "true"));
    private static final Map<String, String> NETWORK = Map.of(
            "deletion_protection.enabled", "false",
            "load_balancing.cross_zone.enabled", "false",
            "access_logs.s3.enabled", "false",
            "access_logs.s3.bucket", "",
            "access_logs.s3.prefix", "",
            "dns_record.client_routing_policy", "any_availability_zone");
    private static final Set<String> BOOLEAN_SUFFIXES = Set.of(".enabled");

    private LoadBalancerAttributes() {
    }

    static Map<String, String> defaults(String type) {
        return new TreeMap<>(type.equals("network") ? NETWORK : APPLICATION);
    }

    static void check(String type, String key, String value) {
        Map<String, String> known = type.equals("network") ? NETWORK : APPLICATION;
        if (!known.containsKey(key)) {
            throw ElbErrors.invalidConfiguration("Key " + key + " not valid for a " + type + " load balancer; its keys are "
                    + new TreeMap<>(known).keySet() + ".");
        }
        if (BOOLEAN_SUFFIXES.stream().anyMatch(key::endsWith) && !value.equals("true") && !value.equals("false")) {
            throw ElbErrors.invalidConfiguration(key + " must be true or false, not '" + value + "'.");
        }
        if (key.equals(HeaderProcessing.XFF_MODE) && !HeaderProcessing.XFF_MODES.contains(value)) {
            throw ElbErrors.invalidConfiguration(key + " must be one of " + HeaderProcessing.XFF_MODES + ", not '" + value + "'.");
        }
        if (key.equals("idle_timeout.timeout_seconds")) {
            int seconds = number(key, value);
            if (seconds < 1 || seconds > 4000) {
                throw ElbErrors.invalidConfiguration(key + " must be from 1 to 4000 seconds, not " + value + ".");
            }
        }
    }

    static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ElbErrors.invalidConfiguration(key + " must be a whole number, not '" + value + "'.");
        }
    }
}
