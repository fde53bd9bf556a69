package dev.ecslabs.emulator.cloudwatch.metrics;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * What an Application Load Balancer's data plane publishes to CloudWatch, in the words of
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html:
 * {@code AWS/ApplicationELB} RequestCount, TargetResponseTime, HTTPCode_Target_5XX_Count with the
 * {@code LoadBalancer} dimension and with {@code LoadBalancer} and {@code TargetGroup}, RequestCountPerTarget
 * with {@code TargetGroup} (what target tracking's ALBRequestCountPerTarget watches, Sum per minute) and
 * with both, and HealthyHostCount/UnHealthyHostCount with both. Dimension values are the final parts of
 * the ARNs: {@code app/<name>/<id>} and {@code targetgroup/<name>/<id>}.
 *
 * <p>The load balancer calls these under the account-region's lock ({@code region.locked(...)}), one
 * call per request it forwarded and one per minute for the host counts.
 */
public final class LoadBalancerMetrics {
    public static final String NAMESPACE = "AWS/ApplicationELB";

    private LoadBalancerMetrics() {
    }

    /**
     * One request the load balancer forwarded to a target of {@code targetGroup}: its answer's status
     * code and how long the target took. {@code registeredTargets} is how many targets the group has
     * now (RequestCountPerTarget divides the count by it; at least 1).
     */
    public static void requestForwarded(AccountRegion region, String loadBalancer, String targetGroup, int registeredTargets,
                                        Instant at, int statusCode, double responseSeconds) {
        Metrics metrics = Metrics.of(region);
        List<Dimension> byLoadBalancer = List.of(dimension("LoadBalancer", loadBalancer));
        List<Dimension> byBoth = List.of(dimension("LoadBalancer", loadBalancer), dimension("TargetGroup", targetGroup));
        List<Dimension> byTargetGroup = List.of(dimension("TargetGroup", targetGroup));
        for (List<Dimension> dimensions : List.of(byLoadBalancer, byBoth)) {
            metrics.publish(NAMESPACE, "RequestCount", dimensions, at, 1, "Count");
            metrics.publish(NAMESPACE, "TargetResponseTime", dimensions, at, responseSeconds, "Seconds");
            if (statusCode >= 500 && statusCode <= 599) {
                metrics.publish(NAMESPACE, "HTTPCode_Target_5XX_Count", dimensions, at, 1, "Count");
            }
        }
        double share = 1.0 / Math.max(1, registeredTargets);
        metrics.publish(NAMESPACE, "RequestCountPerTarget", byTargetGroup, at, share, "Count");
        metrics.publish(NAMESPACE, "RequestCountPerTarget", byBoth, at, share, "Count");
    }

    /** The target group's healthy and unhealthy target counts, once a minute. */
    public static void hostCounts(AccountRegion region, String loadBalancer, String targetGroup, Instant at, int healthy,
                                  int unhealthy) {
        Metrics metrics = Metrics.of(region);
        List<Dimension> byBoth = List.of(dimension("LoadBalancer", loadBalancer), dimension("TargetGroup", targetGroup));
        metrics.publish(NAMESPACE, "HealthyHostCount", byBoth, at, healthy, "Count");
        metrics.publish(NAMESPACE, "UnHealthyHostCount", byBoth, at, unhealthy, "Count");
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
