package dev.ecslabs.dashboard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.fixtures.ManualClockEmulator;
import dev.ecslabs.emulator.ecs.metrics.LoadRoute;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.time.Duration;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The auto scaling section read through the SDK from an emulator on a manual clock: load drives the
 * service's CPU over its target tracking policy's target, AlarmHigh fires, Application Auto Scaling
 * raises the desired count and the tasks follow; the section tells all of it and charts it.
 */
class AutoScalingSectionTest {
    static final String ACCOUNT = "191919191919";
    static final String RESOURCE = "service/shop/web";
    static ManualClockEmulator backend;

    @BeforeAll
    static void start() {
        backend = new ManualClockEmulator();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    @DisplayName("A scalable service shows min and max, what is suspended, its policy with its alarms' states, its scheduled "
            + "action, its activities newest first, and a chart of desired against running count over the CPU it tracks")
    void scalingOutUnderLoad() {
        BackendConnection account = backend.account(ACCOUNT);
        try (EcsClient ecs = account.ecs(); ApplicationAutoScalingClient autoScaling = account.autoScaling();
             CloudWatchClient cloudWatch = account.cloudWatch()) {
            webService(ecs, 2);
            autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(6)
                    .suspendedState(s -> s.dynamicScalingInSuspended(true)));
            autoScaling.putScalingPolicy(b -> b.policyName("cpu50").serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                    .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(50.0).predefinedMetricSpecification(p -> p
                            .predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
            autoScaling.putScheduledAction(b -> b.scheduledActionName("nightly").serviceNamespace(ServiceNamespace.ECS)
                    .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .schedule("cron(0 22 * * ? *)").scalableTargetAction(a -> a.minCapacity(2).maxCapacity(3)));
            // 50 requests a second per 0.25 vCPU task is 100 % CPU: three minutes above 50 % fire AlarmHigh
            backend.post(ACCOUNT, LoadRoute.PATH, "{\"cluster\":\"shop\",\"service\":\"web\",\"requestsPerSecond\":100}");
            backend.advance(Duration.ofMinutes(6));

            AutoScalingSection section;
            try (EcsClient reader = account.ecs()) {
                AwsTime time = new AwsTime(backend.clock.now(), Instant.now(), 1);
                section = AutoScalingSection.read(autoScaling, cloudWatch, new EcsReader(reader, new Unanswered()).read(), time);
            }

            assertThat(section.unavailable()).isNull();
            AutoScalingSection.TargetView target = section.targets().get(0);
            assertThat(section.targets()).hasSize(1);
            assertThat(target.cluster()).isEqualTo("shop");
            assertThat(target.service()).isEqualTo("web");
            assertThat(target.target().minCapacity()).isEqualTo(2);
            assertThat(target.target().maxCapacity()).isEqualTo(6);
            assertThat(target.suspended()).isEqualTo("dynamic scale-in suspended");
            assertThat(target.policies()).singleElement().satisfies(policy -> {
                assertThat(policy.summary()).isEqualTo("target tracking: ECSServiceAverageCPUUtilization at 50");
                assertThat(policy.alarms()).extracting(AutoScalingSection.AlarmView::name)
                        .satisfiesExactly(high -> assertThat(high).contains("AlarmHigh"), low -> assertThat(low).contains("AlarmLow"));
                assertThat(policy.alarms().get(0).state()).isEqualTo("ALARM");
                assertThat(policy.alarms().get(0).reason()).startsWith("Threshold Crossed");
            });
            assertThat(target.scheduledActions()).singleElement().satisfies(a -> assertThat(a.schedule()).isEqualTo("cron(0 22 * * ? *)"));
            assertThat(target.activities()).isNotEmpty();
            assertThat(target.activities().get(0).description()).isEqualTo("Setting desired count to 4.");
            assertThat(target.activities().get(0).cause()).contains("AlarmHigh").endsWith("triggered policy cpu50");

            ScalingChart chart = target.chart();
            assertThat(chart).isNotNull();
            assertThat(chart.desiredNow()).isEqualTo(4);
            assertThat(chart.runningNow()).isEqualTo(4);
            assertThat(chart.countTop()).isEqualTo(4);
            // counts from y 70 (0) up to y 10 (4): desired is known from the activity that set it to 4; running steps from 2 to 4
            assertThat(chart.desiredPoints()).as("desired from the activity on").startsWith(x(target.activities().get(0).endTime()) + ",10.0")
                    .endsWith(" 410.0,10.0");
            assertThat(chart.runningPoints()).as("two tasks, then four").contains(",40.0 ").endsWith(" 410.0,10.0");
            assertThat(chart.metricLabel()).isEqualTo("AWS/ECS CPUUtilization (Average per minute)");
            assertThat(chart.threshold()).isEqualTo("50");
            assertThat(chart.span()).isEqualTo("10 min");
            assertThat(chart.datapoints()).as("one point a minute since the load came").hasSizeGreaterThanOrEqualTo(4)
                    .anySatisfy(p -> assertThat(Double.parseDouble(p.value())).isEqualTo(100.0));

            Document html = Jsoup.parse(section.render());
            Element article = html.selectFirst("section#auto-scaling > article.scalable-target[data-resource=\"service/shop/web\"]");
            assertThat(article).isNotNull();
            assertThat(article.select("span.capacity .min").text()).isEqualTo("2");
            assertThat(article.select("span.capacity .max").text()).isEqualTo("6");
            assertThat(article.select("li.policy[data-policy=cpu50] li.alarm[data-state=ALARM] .alarm-name").text()).contains("AlarmHigh");
            assertThat(article.select("li.scheduled-action[data-name=nightly] code").text()).isEqualTo("cron(0 22 * * ? *)");
            assertThat(article.select("li.scheduled-action[data-name=nightly] .sets").text()).isEqualTo("min 2, max 3");
            assertThat(article.select("ol.activities > li.activity").first().text()).contains("Setting desired count to 4.");
            Element svg = article.selectFirst("figure.scaling > svg.scaling-chart[data-resource=\"service/shop/web\"]");
            assertThat(svg).isNotNull();
            assertThat(svg.select("polyline.running").attr("points")).isEqualTo(chart.runningPoints());
            assertThat(svg.select("polyline.desired").attr("points")).isEqualTo(chart.desiredPoints());
            assertThat(svg.select("circle.datapoint")).hasSize(chart.datapoints().size());
            assertThat(svg.select("line.threshold")).hasSize(1);
        }
    }

    @Test
    @DisplayName("ScalingChart draws desired as the activities set it and running from the tasks' start and stop")
    void desiredFromActivities() {
        Instant end = Instant.parse("2026-01-01T01:00:00Z");
        java.util.TreeMap<Instant, Integer> desired = new java.util.TreeMap<>();
        desired.put(end.minus(Duration.ofMinutes(40)), 2); // before the window: the count at its start
        desired.put(end.minus(Duration.ofMinutes(15)), 4);
        ScalingChart chart = ScalingChart.of("service/a/b", end, null, desired, 4, java.util.List.of(), ScalingChart.Metric.NONE);

        // x from 34 to 410 over 30 minutes: 15 minutes ago is the middle, 222; counts from 70 (0) up to 10 (4)
        assertThat(chart.desiredPoints()).isEqualTo("34.0,40.0 222.0,40.0 222.0,10.0 410.0,10.0");
        assertThat(chart.runningPoints()).isEqualTo("34.0,70.0 410.0,70.0");
        assertThat(chart.metricLabel()).isNull();
    }

    @Test
    @DisplayName("A request count per target is drawn on a scale above its target, a point per minute inside the window")
    void requestCountScale() {
        Instant end = Instant.parse("2026-01-01T01:00:00Z");
        ScalingChart.Metric requests = new ScalingChart.Metric("AWS/ApplicationELB RequestCountPerTarget (Sum per minute)", false,
                java.util.List.of(end.minus(Duration.ofMinutes(45)), end.minus(Duration.ofMinutes(2)), end.minus(Duration.ofMinutes(1))),
                java.util.List.of(500.0, 30.0, 80.0), 100.0);

        ScalingChart chart = ScalingChart.of("service/a/b", end, null, new java.util.TreeMap<>(), 1, java.util.List.of(), requests);

        assertThat(chart.metricTop()).as("the target 100, and a tenth above it").isEqualTo("110");
        assertThat(chart.datapoints()).as("the point 45 minutes ago is outside the 30 shown").extracting(ScalingChart.Point::value)
                .containsExactly("30", "80");
        // the metric band runs from y 148 (0) up to y 90 (110): 100 is at 148 - 100 / 110 × 58
        assertThat(chart.thresholdY()).isEqualTo("95.3");
    }

    /** Where the chart draws an instant of its window (the service is younger than 10 minutes: the last 10), x from 34 to 410. */
    private static String x(Instant at) {
        Duration window = ScalingChart.SHORTEST_WINDOW;
        double share = Duration.between(backend.clock.now().minus(window), at).toMillis() / (double) window.toMillis();
        return String.format(java.util.Locale.ROOT, "%.1f", 34 + share * 376);
    }

    private static void webService(EcsClient ecs, int count) {
        ecs.createCluster(r -> r.clusterName("shop"));
        String definition = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("web")
                        .image("public.ecr.aws/nginx/nginx:1.27").portMappings(p -> p.containerPort(80))))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(definition).desiredCount(count)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS).securityGroups(DefaultVpc.SECURITY_GROUP_ID))));
        backend.advance(Duration.ofMinutes(2));
    }
}
