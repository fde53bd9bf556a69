package dev.ecslabs.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

@Lab("08")
class ServiceScalingTest {
    /** Enough requests a second to keep two (or ten) 0.25 vCPU tasks at 100 % CPU. */
    static final double HEAVY_LOAD = 1000;
    /** 35 requests a second per task of two: 72 % CPU, so target tracking at 50 % wants ceil(2 × 72 / 50) = 3 tasks. */
    static final double MODERATE_LOAD = 70;
    /**
     * Low, so that the one traffic thread exceeds it on a busy laptop too: at x20 an emulated minute is 3 s of real time,
     * and two targets need more than 40 requests in it (14 a second), which a machine running other builds still sends.
     */
    static final double REQUESTS_PER_TARGET = 20;

    LabScaling lab;
    Duration pollInterval;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs, EcsWaiter waiter, ApplicationAutoScalingClient autoScaling,
               ElasticLoadBalancingV2Client elb) {
        lab = new LabScaling(backend, ecs, waiter, autoScaling, elb);
        pollInterval = backend.pollInterval(Duration.ofSeconds(15));
    }

    @AfterEach
    void deleteEverything() throws InterruptedException {
        lab.deleteEverything();
    }

    @Exercise(value = 1, title = "Register the web service as a scalable target of 2 to 10 tasks",
            hints = {
                    "Application Auto Scaling scales a scalable target: a resource (service/<cluster>/<service>), its "
                            + "scalable dimension (ecs:service:DesiredCount) and the range it may set it in.",
                    "RegisterScalableTarget: serviceNamespace ECS, resourceId, scalableDimension "
                            + "ECS_SERVICE_DESIRED_COUNT, minCapacity, maxCapacity; then DescribeScalableTargets with resourceIds.",
                    "autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId(cluster, "
                            + "service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(MIN_CAPACITY)"
                            + ".maxCapacity(MAX_CAPACITY)); return describeScalableTargets(...).scalableTargets().get(0);"})
    void registersAScalableTarget(ApplicationAutoScalingClient autoScaling, Backend backend) {
        String cluster = lab.cluster("scaling");
        String service = lab.webService(cluster);

        ScalableTarget target = ServiceScaling.registerScalableTarget(autoScaling, cluster, service);

        assertThat(target).as("the scalable target you returned").isNotNull();
        assertThat(target.serviceNamespace()).isEqualTo(ServiceNamespace.ECS);
        assertThat(target.resourceId()).isEqualTo("service/" + cluster + "/" + service);
        assertThat(target.scalableDimensionAsString()).isEqualTo("ecs:service:DesiredCount");
        assertThat(target.minCapacity()).isEqualTo(2);
        assertThat(target.maxCapacity()).isEqualTo(10);
        assertThat(target.roleARN()).as("with no role given, Application Auto Scaling uses its service-linked role")
                .isEqualTo("arn:aws:iam::" + backend.accountId() + ":role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForApplicationAutoScaling_ECSService");
    }

    @Exercise(value = 2, title = "Track the service's average CPU at 50 %: a policy that creates its own alarms",
            hints = {
                    "A target tracking policy names a metric and the value to keep it at; Application Auto Scaling creates "
                            + "two CloudWatch alarms for it: AlarmHigh (scale out) and AlarmLow (scale in).",
                    "PutScalingPolicy: policyName, serviceNamespace, resourceId, scalableDimension, policyType "
                            + "TARGET_TRACKING_SCALING, targetTrackingScalingPolicyConfiguration (targetValue, "
                            + "predefinedMetricSpecification, scaleOutCooldown, scaleInCooldown); the response's alarms().",
                    "autoScaling.putScalingPolicy(r -> ... .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(CPU_TARGET)"
                            + ".predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))"
                            + ".scaleOutCooldown(60).scaleInCooldown(300))).alarms().stream().map(Alarm::alarmName).toList()"})
    void tracksCpu(ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch) {
        String cluster = lab.cluster("cpu");
        String service = lab.webService(cluster);
        lab.registerScalableTarget(cluster, service);

        List<String> alarmNames = ServiceScaling.trackCpu(autoScaling, cluster, service);

        assertThat(alarmNames).as("the alarm names you returned").isNotNull().hasSize(2);
        String prefix = "TargetTracking-service/" + cluster + "/" + service;
        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames(alarmNames)).metricAlarms();
        assertThat(alarms).hasSize(2).allSatisfy(alarm -> {
            assertThat(alarm.namespace()).isEqualTo("AWS/ECS");
            assertThat(alarm.metricName()).isEqualTo("CPUUtilization");
            assertThat(alarm.dimensions()).extracting(d -> d.name() + "=" + d.value())
                    .containsExactlyInAnyOrder("ClusterName=" + cluster, "ServiceName=" + service);
        });
        MetricAlarm high = alarms.stream().filter(a -> a.alarmName().startsWith(prefix + "-AlarmHigh-")).findFirst().orElseThrow();
        assertThat(high.threshold()).isEqualTo(50.0);
        assertThat(high.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(high.evaluationPeriods()).as("3 minutes above the target scale out").isEqualTo(3);
        MetricAlarm low = alarms.stream().filter(a -> a.alarmName().startsWith(prefix + "-AlarmLow-")).findFirst().orElseThrow();
        assertThat(low.threshold()).as("90 % of the target").isEqualTo(45.0);
        assertThat(low.comparisonOperator()).isEqualTo(ComparisonOperator.LESS_THAN_THRESHOLD);
        assertThat(low.evaluationPeriods()).as("15 minutes below it scale in").isEqualTo(15);
        ScalingPolicy policy = autoScaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(ServiceScaling.resourceId(cluster, service))).scalingPolicies().get(0);
        assertThat(policy.policyName()).isEqualTo("cpu50");
        assertThat(policy.targetTrackingScalingPolicyConfiguration().scaleOutCooldown()).isEqualTo(60);
        assertThat(policy.targetTrackingScalingPolicyConfiguration().scaleInCooldown()).isEqualTo(300);
    }

    @Exercise(value = 3, title = "Put load on the service: watch AlarmHigh fire and the service scale out",
            hints = {
                    "Load raises the tasks' CPU; after 3 minutes above 50 % AlarmHigh goes to ALARM and invokes the policy, "
                            + "which sets a desired count in proportion (2 tasks at 100 % → 4). New tasks then start.",
                    "ServiceLoad.set(backend, cluster, service, rps); CloudWatch DescribeAlarms with alarmNamePrefix "
                            + "\"TargetTracking-service/<cluster>/<service>-AlarmHigh-\" until stateValue() is ALARM; then "
                            + "DescribeServices until desiredCount() > MIN_CAPACITY and runningCount() == desiredCount(); Poll.until for both.",
                    "MetricAlarm alarm = Poll.until(() -> cloudWatch.describeAlarms(r -> r.alarmNamePrefix(prefix)).metricAlarms(), "
                            + "alarms -> !alarms.isEmpty() && alarms.get(0).stateValue() == StateValue.ALARM, pollInterval).get(0); "
                            + "then Poll.until(() -> describe the service, s -> ..., pollInterval)"})
    void scalesOutUnderLoad(Backend backend, CloudWatchClient cloudWatch, EcsClient ecs, ApplicationAutoScalingClient autoScaling) {
        String cluster = lab.cluster("load");
        String service = lab.webService(cluster);
        lab.registerScalableTarget(cluster, service);
        lab.trackCpu(cluster, service);

        ScaleOut scaleOut = ServiceScaling.scaleOutUnderLoad(backend, cloudWatch, ecs, cluster, service, HEAVY_LOAD, pollInterval);

        assertThat(scaleOut).as("what you saw").isNotNull();
        assertThat(scaleOut.alarmName()).startsWith("TargetTracking-service/" + cluster + "/" + service + "-AlarmHigh-");
        assertThat(scaleOut.alarmState()).isEqualTo("ALARM");
        assertThat(scaleOut.desiredCount()).as("scaled out, within the scalable target's range").isBetween(3, 10);
        assertThat(scaleOut.runningCount()).as("and running all of it").isEqualTo(scaleOut.desiredCount());
        assertThat(activities(autoScaling, cluster, service)).anySatisfy(activity -> {
            assertThat(activity.statusCodeAsString()).isEqualTo("Successful");
            assertThat(activity.cause()).isEqualTo("monitor alarm " + scaleOut.alarmName() + " in state ALARM triggered policy cpu50");
        });
    }

    @Exercise(value = 4, title = "Take the load off: watch the service scale back in to 2 tasks after the cooldown",
            hints = {
                    "Without load the CPU falls; after 15 minutes below 45 % AlarmLow invokes the policy, which scales in "
                            + "(never below minCapacity). Scale-in is slow on purpose: a dip must not cost you capacity.",
                    "ServiceLoad.set(backend, cluster, service, 0); then DescribeServices until desiredCount() and "
                            + "runningCount() are both MIN_CAPACITY (Poll.until).",
                    "ServiceLoad.set(backend, cluster, service, 0); return Poll.until(() -> ecs.describeServices(r -> "
                            + "r.cluster(cluster).services(service)).services().get(0), s -> s.desiredCount() == MIN_CAPACITY && "
                            + "s.runningCount() == MIN_CAPACITY, pollInterval);"})
    void scalesInAfterLoad(Backend backend, EcsClient ecs, ApplicationAutoScalingClient autoScaling) {
        String cluster = lab.cluster("calm");
        String service = lab.webService(cluster);
        lab.registerScalableTarget(cluster, service);
        lab.trackCpu(cluster, service);
        Service scaledOut = lab.scaleOut(cluster, service, MODERATE_LOAD);
        assertThat(scaledOut.desiredCount()).as("set-up: 70 requests a second scale 2 tasks out to 3").isEqualTo(3);

        Service calm = ServiceScaling.scaleInAfterLoad(backend, ecs, cluster, service, pollInterval);

        assertThat(calm).as("the service you returned").isNotNull();
        assertThat(calm.desiredCount()).isEqualTo(2);
        assertThat(calm.runningCount()).isEqualTo(2);
        List<ScalingActivity> activities = activities(autoScaling, cluster, service);
        ScalingActivity scaleIn = activities.stream().filter(a -> a.description().equals("Setting desired count to 2."))
                .findFirst().orElseThrow(() -> new AssertionError("no scale-in among " + activities));
        assertThat(scaleIn.cause()).contains("-AlarmLow-").endsWith("in state ALARM triggered policy cpu50");
        ScalingActivity scaleOut = activities.stream().filter(a -> a.description().equals("Setting desired count to 3."))
                .findFirst().orElseThrow(() -> new AssertionError("no scale-out among " + activities));
        // minutes, not instants: both activities start on CloudWatch's minute, give or take the clock's milliseconds
        assertThat(scaleIn.startTime().truncatedTo(ChronoUnit.MINUTES)).as("AlarmLow needs 15 minutes of low CPU after the load went")
                .isAfterOrEqualTo(scaleOut.startTime().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(15)));
    }

    @Exercise(value = 5, title = "Scale on requests per target behind the load balancer",
            hints = {
                    "ALBRequestCountPerTarget is the load balancer's RequestCountPerTarget: requests a minute over the target "
                            + "group's healthy targets. Its resource label says which load balancer and target group: "
                            + "app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>.",
                    "The label is the load balancer ARN's part after \"loadbalancer/\", a slash, and the target group ARN's "
                            + "part after its last ':'. PutScalingPolicy with predefinedMetricSpecification(predefinedMetricType "
                            + "ALB_REQUEST_COUNT_PER_TARGET, resourceLabel); return policyARN().",
                    "String label = loadBalancerArn.substring(loadBalancerArn.indexOf(\":loadbalancer/\") + 14) + \"/\" + "
                            + "targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1); then putScalingPolicy(r -> ... "
                            + ".targetTrackingScalingPolicyConfiguration(t -> t.targetValue(requestsPerTarget).predefinedMetricSpecification(m "
                            + "-> m.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET).resourceLabel(label)))).policyARN()"})
    void scalesOnRequestsPerTarget(ApplicationAutoScalingClient autoScaling) throws InterruptedException {
        String cluster = lab.cluster("alb");
        LabScaling.BehindLoadBalancer web = lab.webServiceBehindLoadBalancer(cluster);
        lab.registerScalableTarget(cluster, web.service());

        String policyArn = ServiceScaling.trackRequestsPerTarget(autoScaling, cluster, web.service(),
                web.loadBalancer().loadBalancerArn(), web.targetGroup().targetGroupArn(), REQUESTS_PER_TARGET);

        assertThat(policyArn).as("the policy's ARN you returned").isNotNull().contains(":scalingPolicy:");
        ScalingPolicy policy = autoScaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(ServiceScaling.resourceId(cluster, web.service()))).scalingPolicies().get(0);
        String loadBalancerArn = web.loadBalancer().loadBalancerArn();
        String targetGroupArn = web.targetGroup().targetGroupArn();
        assertThat(policy.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification().resourceLabel())
                .isEqualTo(loadBalancerArn.substring(loadBalancerArn.indexOf("loadbalancer/") + "loadbalancer/".length()) + "/"
                        + targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1));
        LabScaling.Traffic traffic = lab.sendTraffic(web.url());
        Service scaled = lab.waitForScaleOut(cluster, web.service());
        traffic.finish();
        assertThat(traffic.answered.get()).as("requests the load balancer's targets answered").isPositive();
        assertThat(scaled.desiredCount()).as("the requests per target drove a scale-out").isBetween(3, 10);
        assertThat(activities(autoScaling, cluster, web.service())).anySatisfy(activity -> assertThat(activity.cause())
                .endsWith("in state ALARM triggered policy " + ServiceScaling.REQUESTS_POLICY));
    }

    @Exercise(value = 6, title = "Schedule business hours: at least 4 tasks from 08:00 to 18:00 on weekdays in Berlin",
            hints = {
                    "A scheduled action changes the scalable target's min and max capacity at a time: target tracking then "
                            + "works within the new range. cron(minutes hours day-of-month month day-of-week year), in a time zone.",
                    "PutScheduledAction twice: scheduledActionName, serviceNamespace, resourceId, scalableDimension, "
                            + "schedule, timezone, scalableTargetAction(minCapacity, maxCapacity); then DescribeScheduledActions.",
                    "autoScaling.putScheduledAction(r -> r.scheduledActionName(\"business-hours-start\")...schedule(OPENING)"
                            + ".timezone(TIME_ZONE).scalableTargetAction(a -> a.minCapacity(BUSINESS_HOURS_MIN).maxCapacity(MAX_CAPACITY))); "
                            + "the same for business-hours-end with CLOSING and MIN_CAPACITY"})
    void schedulesBusinessHours(ApplicationAutoScalingClient autoScaling) {
        String cluster = lab.cluster("hours");
        String service = lab.webService(cluster);
        lab.registerScalableTarget(cluster, service);

        List<ScheduledAction> actions = ServiceScaling.scheduleBusinessHours(autoScaling, cluster, service);

        assertThat(actions).as("the scheduled actions you returned").isNotNull().hasSize(2);
        assertThat(actions).allSatisfy(action -> {
            assertThat(action.resourceId()).isEqualTo("service/" + cluster + "/" + service);
            assertThat(action.timezone()).isEqualTo("Europe/Berlin");
            assertThat(action.scalableTargetAction().maxCapacity()).isEqualTo(10);
        });
        assertThat(actions).extracting(a -> a.scheduledActionName() + " " + a.schedule() + " min " + a.scalableTargetAction().minCapacity())
                .containsExactlyInAnyOrder("business-hours-start cron(0 8 ? * MON-FRI *) min 4",
                        "business-hours-end cron(0 18 ? * MON-FRI *) min 2");
    }

    @Exercise(value = 7, title = "Read the scaling activities to explain what happened, oldest first",
            hints = {
                    "Every change Application Auto Scaling makes is a scaling activity: what it did (description), why "
                            + "(cause: the alarm and policy, or the scheduled action) and how it ended (statusCode), newest first.",
                    "DescribeScalingActivities (its paginator: scalingActivities()) with serviceNamespace, resourceId, "
                            + "scalableDimension; map each to new Activity(startTime(), description(), cause(), "
                            + "statusCodeAsString()); reverse.",
                    "List<Activity> list = new ArrayList<>(); autoScaling.describeScalingActivitiesPaginator(r -> ...)"
                            + ".scalingActivities().forEach(a -> list.add(new Activity(...))); Collections.reverse(list); return list;"})
    void explainsTheActivities(ApplicationAutoScalingClient autoScaling) {
        String cluster = lab.cluster("story");
        String service = lab.webService(cluster);
        lab.registerScalableTarget(cluster, service);
        lab.trackCpu(cluster, service);
        lab.scaleOut(cluster, service, MODERATE_LOAD);

        List<Activity> story = ServiceScaling.explain(autoScaling, cluster, service);

        assertThat(story).as("the activities you returned").isNotNull().isNotEmpty();
        List<ScalingActivity> newestFirst = new ArrayList<>(activities(autoScaling, cluster, service));
        Collections.reverse(newestFirst);
        assertThat(story).extracting(Activity::description).as("every activity, oldest first")
                .containsExactlyElementsOf(newestFirst.stream().map(ScalingActivity::description).toList());
        assertThat(story).isSortedAccordingTo(Comparator.comparing(Activity::startTime));
        Activity scaleOut = story.get(story.size() - 1);
        assertThat(scaleOut.description()).isEqualTo("Setting desired count to 3.");
        assertThat(scaleOut.statusCode()).isEqualTo("Successful");
        assertThat(scaleOut.cause()).startsWith("monitor alarm TargetTracking-service/" + cluster + "/" + service + "-AlarmHigh-")
                .endsWith(" in state ALARM triggered policy cpu50");
    }

    private static List<ScalingActivity> activities(ApplicationAutoScalingClient autoScaling, String cluster, String service) {
        return autoScaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(ServiceScaling.resourceId(cluster, service))).scalingActivities();
    }
}
