package dev.ecslabs.emulator.elb;

import java.util.ArrayList;
import java.util.List;

/**
 * A target group's success codes ({@code Matcher.HttpCode}): "200", "200,202" or "200-299", each
 * from 200 to 499 for an Application Load Balancer
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html).
 */
record HealthCheckMatcher(List<int[]> ranges) {

    static HealthCheckMatcher parse(String httpCode) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : httpCode.split(",")) {
            String[] bounds = part.trim().split("-", 2);
            try {
                int low = Integer.parseInt(bounds[0].trim());
                int high = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : low;
                if (low < 200 || high > 499 || low > high) {
                    throw new NumberFormatException();
                }
                ranges.add(new int[] {low, high});
            } catch (NumberFormatException e) {
                throw ElbErrors.validation("The health check matcher '" + httpCode + "' is not valid: give HTTP codes "
                        + "from 200 to 499 as \"200\", \"200,202\" or \"200-299\".");
            }
        }
        return new HealthCheckMatcher(ranges);
    }

    boolean matches(int status) {
        return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
    }
}
