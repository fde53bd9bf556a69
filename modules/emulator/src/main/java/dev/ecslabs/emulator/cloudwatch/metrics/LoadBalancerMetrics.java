package dev.ecslabs.emulator.cloudwatch.metrics;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * What an Application Load Balancer's data plane publishes to CloudWatch, in the words of
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html:
 * the load balancer "measures and sends its metrics in 60-second intervals", so the data plane counts
 * each request here ({@link #requestForwarded}, {@link #answeredByLoadBalancer}) and the minute
 * publishes them ({@link #publishMinute}) as one statistic set per metric and minute:
 * {@code AWS/ApplicationELB} RequestCount, TargetResponseTime, HTTPCode_Target_2XX…5XX_Count with the
 * {@code LoadBalancer} dimension and with {@code LoadBalancer} and {@code TargetGroup};
 * HTTPCode_ELB_4XX/5XX_Count (answers the load balancer made itself) with {@code LoadBalancer};
 * RequestCountPerTarget with {@code TargetGroup} and with both (what target tracking's
 * ALBRequestCountPerTarget watches, Sum per minute): the minute's requests over the target group's
 * healthy targets, over all its registered targets when none is healthy; and HealthyHostCount and
 * UnHealthyHostCount with both. Dimension values are the final parts of the ARNs:
 * {@code app/<name>/<id>} and {@code targetgroup/<name>/<id>}.
 *
 * <p>The requests of the minute under way are counted in memory only: a restart loses at most that
 * minute's counts, what was published is in {@link Metrics}. All methods run under the
 * account-region's lock.
 */
public final class LoadBalancerMetrics {
    public static final String NAMESPACE = "AWS/ApplicationELB";

    /** A target group a load balancer forwards to, and its targets' health now. */
    public record TargetGroupHosts(String loadBalancer, String targetGroup, int healthy, int unhealthy, int registered) {
    }

    /** One minute's requests of one load balancer and target group (null: answered by the load balancer itself). */
    private record Key(Instant minute, String loadBalancer, String targetGroup) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byMinute = minute.compareTo(other.minute);
            if (byMinute != 0) {
                return byMinute;
            }
            int byLoadBalancer = loadBalancer.compareTo(other.loadBalancer);
            return byLoadBalancer != 0 ? byLoadBalancer
                    : String.valueOf(targetGroup).compareTo(String.valueOf(other.targetGroup));
        }
    }

    /** Counts of one key: requests, answers by status class, and the targets' response times. */
    private static final class Counts {
        long requests;
        final long[] byStatusClass = new long[6];
        long timed;
        double secondsSum;
        double secondsMin = Double.MAX_VALUE;
        double secondsMax;
    }

    /** The counted, not yet published requests of one account-region (an area that is not persisted). */
    private static final class Traffic {
        final Map<Key, Counts> counts = new TreeMap<>();
    }

    private LoadBalancerMetrics() {
    }

    /**
     * One request the load balancer forwarded to a target of {@code targetGroup} at {@code at}: the
     * target's answer's status code and how long the target took.
     */
    public static void requestForwarded(AccountRegion region, String loadBalancer, String targetGroup, Instant at,
                                        int statusCode, double responseSeconds) {
        Counts counts = counts(region, new Key(minuteOf(at), loadBalancer, targetGroup));
        counts.requests++;
        counts.byStatusClass[Math.min(5, Math.max(0, statusCode / 100))]++;
        counts.timed++;
        counts.secondsSum += responseSeconds;
        counts.secondsMin = Math.min(counts.secondsMin, responseSeconds);
        counts.secondsMax = Math.max(counts.secondsMax, responseSeconds);
    }

    /**
     * One request the load balancer answered itself at {@code at} (a fixed response, a redirect, 503
     * for no target, 502/504 for a target that failed: then {@code targetGroup} names the group
     * whose target failed, else it is null).
     */
    public static void answeredByLoadBalancer(AccountRegion region, String loadBalancer, String targetGroup, Instant at,
                                              int statusCode) {
        counts(region, new Key(minuteOf(at), loadBalancer, null)).byStatusClass[Math.min(5, Math.max(0, statusCode / 100))]++;
        counts(region, new Key(minuteOf(at), loadBalancer, targetGroup)).requests++;
    }

    /**
     * Publishes every whole minute before {@code minute} that requests were counted in, and the host
     * counts of {@code hosts} for the minute that ended. Answers whether it published anything.
     */
    public static boolean publishMinute(AccountRegion region, Instant minute, List<TargetGroupHosts> hosts) {
        Metrics metrics = Metrics.of(region);
        Instant ended = minute.minusSeconds(60);
        Map<String, TargetGroupHosts> hostsByGroup = new HashMap<>();
        for (TargetGroupHosts group : hosts) {
            hostsByGroup.put(group.targetGroup(), group);
            List<Dimension> both = both(group.loadBalancer(), group.targetGroup());
            metrics.publish(NAMESPACE, "HealthyHostCount", both, ended, group.healthy(), "Count");
            metrics.publish(NAMESPACE, "UnHealthyHostCount", both, ended, group.unhealthy(), "Count");
        }
        boolean published = !hosts.isEmpty();
        Traffic traffic = region.existingArea(Traffic.class).orElse(null);
        if (traffic == null) {
            return published;
        }
        Map<Instant, Map<String, Long>> perGroup = new TreeMap<>();
        for (Iterator<Map.Entry<Key, Counts>> it = traffic.counts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Counts> entry = it.next();
            Key key = entry.getKey();
            if (!key.minute().isBefore(minute)) {
                break; // sorted by minute: the rest is the minute under way
            }
            it.remove();
            published = true;
            publish(metrics, key, entry.getValue(), hostsByGroup.get(key.targetGroup()));
            if (key.targetGroup() != null) {
                perGroup.computeIfAbsent(key.minute(), m -> new TreeMap<>()).merge(key.targetGroup(), entry.getValue().requests, Long::sum);
            }
        }
        // RequestCountPerTarget by TargetGroup alone: the group's requests through every load balancer it serves
        perGroup.forEach((at, groups) -> groups.forEach((group, requests) -> metrics.publish(NAMESPACE, "RequestCountPerTarget",
                List.of(dimension("TargetGroup", group)), at, perTarget(requests, hostsByGroup.get(group)), "Count")));
        return published;
    }

    /** Whether requests were counted that a minute has yet to publish. */
    public static boolean pending(AccountRegion region) {
        return region.existingArea(Traffic.class).filter(traffic -> !traffic.counts.isEmpty()).isPresent();
    }

    private static void publish(Metrics metrics, Key key, Counts counts, TargetGroupHosts hosts) {
        List<Dimension> byLoadBalancer = List.of(dimension("LoadBalancer", key.loadBalancer()));
        if (key.targetGroup() == null) {
            count(metrics, "HTTPCode_ELB_4XX_Count", byLoadBalancer, key.minute(), counts.byStatusClass[4]);
            count(metrics, "HTTPCode_ELB_5XX_Count", byLoadBalancer, key.minute(), counts.byStatusClass[5]);
            if (counts.requests > 0) { // a fixed response or redirect: no target group
                count(metrics, "RequestCount", byLoadBalancer, key.minute(), counts.requests);
            }
            return;
        }
        List<Dimension> byBoth = both(key.loadBalancer(), key.targetGroup());
        for (List<Dimension> dimensions : List.of(byLoadBalancer, byBoth)) {
            count(metrics, "RequestCount", dimensions, key.minute(), counts.requests);
            for (int statusClass = 2; statusClass <= 5; statusClass++) {
                count(metrics, "HTTPCode_Target_" + statusClass + "XX_Count", dimensions, key.minute(), counts.byStatusClass[statusClass]);
            }
            if (counts.timed > 0) {
                metrics.publish(NAMESPACE, "TargetResponseTime", dimensions, key.minute(), false, counts.timed, counts.secondsSum,
                        counts.secondsMin, counts.secondsMax, "Seconds");
            }
        }
        metrics.publish(NAMESPACE, "RequestCountPerTarget", byBoth, key.minute(), perTarget(counts.requests, hosts), "Count");
    }

    /** The requests over the healthy targets; over the registered ones when none is healthy (at least 1). */
    static double perTarget(long requests, TargetGroupHosts hosts) {
        int over = hosts == null ? 1 : hosts.healthy() > 0 ? hosts.healthy() : Math.max(1, hosts.registered());
        return (double) requests / over;
    }

    private static void count(Metrics metrics, String name, List<Dimension> dimensions, Instant at, long count) {
        if (count > 0) { // "If there are no requests … or no data for a metric, the metric is not reported."
            metrics.publish(NAMESPACE, name, dimensions, at, count, "Count");
        }
    }

    private static Counts counts(AccountRegion region, Key key) {
        return region.area(Traffic.class, r -> new Traffic()).counts.computeIfAbsent(key, k -> new Counts());
    }

    private static Instant minuteOf(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), 60) * 60);
    }

    private static List<Dimension> both(String loadBalancer, String targetGroup) {
        return List.of(dimension("LoadBalancer", loadBalancer), dimension("TargetGroup", targetGroup));
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
