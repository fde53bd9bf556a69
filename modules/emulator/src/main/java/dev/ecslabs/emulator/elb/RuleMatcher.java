package dev.ecslabs.emulator.elb;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Whether a request meets a rule's conditions as an ALB evaluates them
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html):
 * every condition must match, any of a condition's values may; {@code *} matches any characters and
 * {@code ?} one; paths are case-sensitive, host names, header names and query keys/values are not.
 */
final class RuleMatcher {
    /** The parts of an HTTP request the conditions look at; header names in lower case. */
    record Request(String method, String host, String path, Map<String, String> query, Map<String, String> headers,
                   String sourceIp) {
    }

    private RuleMatcher() {
    }

    static boolean matches(List<RuleCondition> conditions, Request request) {
        for (RuleCondition condition : conditions) {
            if (!matches(condition, request)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(RuleCondition condition, Request request) {
        switch (condition.field()) {
            case "path-pattern" -> {
                return anyWildcard(condition.pathPatternConfig().values(), request.path(), false);
            }
            case "host-header" -> {
                String host = request.host() == null ? "" : request.host().replaceFirst(":\\d+$", "");
                return anyWildcard(condition.hostHeaderConfig().values(), host, true);
            }
            case "http-header" -> {
                String value = request.headers().get(condition.httpHeaderConfig().httpHeaderName().toLowerCase(Locale.ROOT));
                return value != null && anyWildcard(condition.httpHeaderConfig().values(), value, true);
            }
            case "http-request-method" -> {
                return condition.httpRequestMethodConfig().values().contains(request.method());
            }
            case "query-string" -> {
                for (QueryStringKeyValuePair pair : condition.queryStringConfig().values()) {
                    for (Map.Entry<String, String> entry : request.query().entrySet()) {
                        boolean key = pair.key() == null || wildcard(pair.key(), entry.getKey(), true);
                        if (key && wildcard(pair.value(), entry.getValue(), true)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            default -> {
                return condition.sourceIpConfig().values().stream().anyMatch(cidr -> inCidr(cidr, request.sourceIp()));
            }
        }
    }

    private static boolean anyWildcard(List<String> patterns, String text, boolean ignoreCase) {
        return patterns.stream().anyMatch(p -> wildcard(p, text, ignoreCase));
    }

    /** {@code *} and {@code ?} matching, linear in practice (greedy with one backtrack point). */
    static boolean wildcard(String pattern, String text, boolean ignoreCase) {
        if (ignoreCase) {
            pattern = pattern.toLowerCase(Locale.ROOT);
            text = text.toLowerCase(Locale.ROOT);
        }
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean inCidr(String cidr, String ip) {
        try {
            String[] parts = cidr.split("/");
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
            long mask = bits == 0 ? 0 : 0xffffffffL << (32 - bits) & 0xffffffffL;
            return (ipv4(parts[0]) & mask) == (ipv4(ip) & mask);
        } catch (RuntimeException e) {
            return false; // an IPv6 range, or a client address that is not IPv4
        }
    }

    private static long ipv4(String ip) {
        String[] octets = ip.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException(ip);
        }
        long value = 0;
        for (String octet : octets) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }
}
