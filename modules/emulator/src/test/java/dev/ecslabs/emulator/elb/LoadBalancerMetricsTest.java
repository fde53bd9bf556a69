package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.cloudwatch.metrics.LoadBalancerMetrics;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * What the data plane publishes to {@code AWS/ApplicationELB}, read back with GetMetricStatistics, as
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 * describes it: one datapoint per minute in which requests flowed, with the LoadBalancer
 * ({@code app/<name>/<id>}) and TargetGroup ({@code targetgroup/<name>/<id>}) dimensions.
 */
@EmulatorTest(account = "121212121212")
class LoadBalancerMetricsTest {
    static final String ACCOUNT = "121212121212";
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;
    ElasticLoadBalancingV2Client elb;
    CloudWatchClient cloudWatch;

    @Test
    @DisplayName("A minute's requests through the ALB: RequestCount, HTTPCode_Target_2XX/4XX_Count and TargetResponseTime by "
            + "LoadBalancer and by LoadBalancer and TargetGroup, RequestCountPerTarget over the 2 healthy targets, and "
            + "HealthyHostCount 2 / UnHealthyHostCount 0; a minute without requests reports no RequestCount")
    void publishesTheMinutesRequests() throws Exception {
        LoadBalancedWeb web = LoadBalancedWeb.create(elb, ecs, clock, "metrics", "shop", 2);
        String url = web.url(emulator, ACCOUNT);
        Instant minute = wholeMinute(clock.now());

        assertThat(LoadBalancedWeb.send(url + "/", 30)).containsOnly(200);
        assertThat(LoadBalancedWeb.send(url + "/missing", 10)).as("nginx's 404 elsewhere").containsOnly(404);
        clock.advance(Duration.ofMinutes(2)); // the minute is published at the next; one more without requests

        List<Dimension> byLoadBalancer = List.of(dimension("LoadBalancer", web.loadBalancerDimension()));
        List<Dimension> byBoth = List.of(dimension("LoadBalancer", web.loadBalancerDimension()),
                dimension("TargetGroup", web.targetGroupDimension()));
        for (List<Dimension> dimensions : List.of(byLoadBalancer, byBoth)) {
            assertThat(sums("RequestCount", dimensions, minute)).as("RequestCount by " + dimensions).containsExactly(40.0);
            assertThat(sums("HTTPCode_Target_2XX_Count", dimensions, minute)).containsExactly(30.0);
            assertThat(sums("HTTPCode_Target_4XX_Count", dimensions, minute)).containsExactly(10.0);
            Datapoint responseTime = points("TargetResponseTime", dimensions, minute, Statistic.SAMPLE_COUNT, Statistic.AVERAGE).get(0);
            assertThat(responseTime.sampleCount()).isEqualTo(40.0);
            assertThat(responseTime.average()).isGreaterThanOrEqualTo(0.0).isLessThan(5.0);
        }
        assertThat(sums("RequestCountPerTarget", List.of(dimension("TargetGroup", web.targetGroupDimension())), minute))
                .as("40 requests over 2 healthy targets").containsExactly(20.0);
        assertThat(sums("RequestCountPerTarget", byBoth, minute)).containsExactly(20.0);
        assertThat(points("HealthyHostCount", byBoth, minute, Statistic.MAXIMUM).get(0).maximum()).isEqualTo(2.0);
        assertThat(points("UnHealthyHostCount", byBoth, minute, Statistic.MAXIMUM).get(0).maximum()).isEqualTo(0.0);
        assertThat(points("RequestCount", byLoadBalancer, minute.plusSeconds(60), Statistic.SUM))
                .as("no requests in the minute after: not reported").isEmpty();
    }

    @Test
    @DisplayName("A 503 the load balancer answers itself (no target registered) is HTTPCode_ELB_5XX_Count and RequestCount by "
            + "LoadBalancer, and no target's answer")
    void countsTheLoadBalancersOwnAnswers() throws Exception {
        TargetGroup empty = ElbFixtures.ipGroup(elb, "empty");
        var alb = ElbFixtures.alb(elb, "empty");
        ElbFixtures.httpListener(elb, alb, empty);
        clock.advance(Duration.ofMinutes(1));
        LoadBalancedWeb web = new LoadBalancedWeb(alb, empty);
        Instant minute = wholeMinute(clock.now());

        assertThat(LoadBalancedWeb.send(web.url(emulator, ACCOUNT), 5)).containsOnly(503);
        clock.advance(Duration.ofMinutes(1));

        List<Dimension> byLoadBalancer = List.of(dimension("LoadBalancer", web.loadBalancerDimension()));
        assertThat(sums("HTTPCode_ELB_5XX_Count", byLoadBalancer, minute)).containsExactly(5.0);
        assertThat(sums("RequestCount", byLoadBalancer, minute)).containsExactly(5.0);
        assertThat(sums("HTTPCode_Target_5XX_Count", byLoadBalancer, minute)).as("no target answered").isEmpty();
    }

    @Test
    @DisplayName("Targets' 5XX answers are HTTPCode_Target_5XX_Count; with no healthy target RequestCountPerTarget divides by "
            + "the registered ones; the minute under way waits for the next whole minute")
    void countsTargetErrorsAndUnhealthyGroups() {
        String loadBalancer = "app/errors/50dc6c495c0c9188";
        String targetGroup = "targetgroup/errors/943f017f100becff";
        AccountRegion region = emulator.state().get(ACCOUNT, "us-east-1");
        Instant minute = wholeMinute(clock.now());
        region.locked(() -> {
            for (int i = 0; i < 6; i++) { // what the data plane calls per request forwarded
                LoadBalancerMetrics.requestForwarded(region, loadBalancer, targetGroup, minute.plusSeconds(1), i < 2 ? 500 : 200, 0.25);
            }
            LoadBalancerMetrics.publishMinute(region, minute, List.of());
        });
        List<Dimension> byBoth = List.of(dimension("LoadBalancer", loadBalancer), dimension("TargetGroup", targetGroup));
        assertThat(sums("RequestCount", byBoth, minute)).as("the minute under way is not published yet").isEmpty();

        region.locked(() -> LoadBalancerMetrics.publishMinute(region, minute.plusSeconds(60),
                List.of(new LoadBalancerMetrics.TargetGroupHosts(loadBalancer, targetGroup, 0, 3, 3))));

        assertThat(sums("HTTPCode_Target_5XX_Count", byBoth, minute)).containsExactly(2.0);
        assertThat(sums("HTTPCode_Target_2XX_Count", byBoth, minute)).containsExactly(4.0);
        assertThat(points("TargetResponseTime", byBoth, minute, Statistic.AVERAGE).get(0).average()).isEqualTo(0.25);
        assertThat(sums("RequestCountPerTarget", List.of(dimension("TargetGroup", targetGroup)), minute))
                .as("6 requests over 3 registered targets, none healthy").containsExactly(2.0);
        assertThat(points("UnHealthyHostCount", byBoth, minute, Statistic.MAXIMUM).get(0).maximum()).isEqualTo(3.0);
    }

    private List<Double> sums(String metric, List<Dimension> dimensions, Instant minute) {
        return points(metric, dimensions, minute, Statistic.SUM).stream().map(Datapoint::sum).toList();
    }

    private List<Datapoint> points(String metric, List<Dimension> dimensions, Instant minute, Statistic... statistics) {
        return cloudWatch.getMetricStatistics(b -> b.namespace("AWS/ApplicationELB").metricName(metric).dimensions(dimensions)
                .startTime(minute).endTime(minute.plusSeconds(60)).period(60).statistics(statistics)).datapoints();
    }

    private static Instant wholeMinute(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), 60) * 60);
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
