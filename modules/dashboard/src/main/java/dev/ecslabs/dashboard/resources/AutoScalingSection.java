package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Application Auto Scaling of ECS services on the resources page: each scalable target (its
 * service, min and max capacity, what is suspended), its scaling policies with their CloudWatch
 * alarms' states, its scheduled actions, its last activities, and a {@link ScalingChart} of desired
 * against running count and the metric that drives it. Shown only when a scalable target exists.
 */
record AutoScalingSection(List<TargetView> targets, AwsTime time, Unanswered unanswered, String unavailable) {
    /** How many of a target's activities are shown, newest first. */
    static final int ACTIVITIES_SHOWN = 5;
    /** "Setting desired count to 4." (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scaling-activities.html) */
    private static final Pattern DESIRED_SET = Pattern.compile("desired count to (\\d+)");

    /** A scalable target with what acts on it and what it did. */
    record TargetView(ScalableTarget target, String cluster, String service, List<PolicyView> policies,
                      List<ScheduledAction> scheduledActions, List<ScalingActivity> activities, ScalingChart chart) {
        /** "scale-in suspended, scheduled scaling suspended", or empty when nothing is. */
        String suspended() {
            if (target.suspendedState() == null) {
                return "";
            }
            List<String> words = new ArrayList<>();
            if (Boolean.TRUE.equals(target.suspendedState().dynamicScalingInSuspended())) {
                words.add("dynamic scale-in suspended");
            }
            if (Boolean.TRUE.equals(target.suspendedState().dynamicScalingOutSuspended())) {
                words.add("dynamic scale-out suspended");
            }
            if (Boolean.TRUE.equals(target.suspendedState().scheduledScalingSuspended())) {
                words.add("scheduled scaling suspended");
            }
            return String.join(", ", words);
        }
    }

    /** What a scheduled action sets: "min 2, max 3" (either may be left out). */
    static String capacity(ScheduledAction action) {
        if (action.scalableTargetAction() == null) {
            return "";
        }
        List<String> words = new ArrayList<>();
        if (action.scalableTargetAction().minCapacity() != null) {
            words.add("min " + action.scalableTargetAction().minCapacity());
        }
        if (action.scalableTargetAction().maxCapacity() != null) {
            words.add("max " + action.scalableTargetAction().maxCapacity());
        }
        return String.join(", ", words);
    }

    /** A policy in words, with the alarms that invoke it. */
    record PolicyView(ScalingPolicy policy, String summary, List<AlarmView> alarms) {
    }

    /** A CloudWatch alarm as DescribeAlarms tells it (state UNKNOWN when it could not be read). */
    record AlarmView(String name, String state, String reason) {
    }

    boolean isEmpty() {
        return unavailable == null && targets.isEmpty();
    }

    /** The section (template {@code resources/autoScaling.jte}), read now; ECS services come from the ECS section's reading. */
    static AutoScalingSection read(ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch, List<ClusterView> clusters,
                                   AwsTime time) {
        List<ScalableTarget> targets;
        try {
            targets = autoScaling.describeScalableTargetsPaginator(b -> b.serviceNamespace(ServiceNamespace.ECS)).scalableTargets()
                    .stream().sorted(Comparator.comparing(ScalableTarget::creationTime, Comparator.nullsLast(Comparator.reverseOrder())))
                    .toList();
        } catch (SdkException e) {
            return new AutoScalingSection(List.of(), time, new Unanswered(), Markup.why(e));
        }
        Unanswered unanswered = new Unanswered();
        List<TargetView> views = new ArrayList<>();
        for (ScalableTarget target : targets) {
            views.add(target(autoScaling, cloudWatch, clusters, time, target, unanswered));
        }
        return new AutoScalingSection(views, time, unanswered, null);
    }

    String render() {
        return Pages.render("resources/autoScaling.jte", this);
    }

    private static TargetView target(ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch, List<ClusterView> clusters,
                                     AwsTime time, ScalableTarget target, Unanswered unanswered) {
        String[] parts = target.resourceId().split("/"); // service/<cluster>/<service>
        String clusterName = parts.length == 3 ? parts[1] : "";
        String serviceName = parts.length == 3 ? parts[2] : target.resourceId();
        List<ScalingPolicy> policies = read(unanswered, "Application Auto Scaling DescribeScalingPolicies",
                () -> autoScaling.describeScalingPoliciesPaginator(b -> b.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(target.resourceId()).scalableDimension(target.scalableDimension())).scalingPolicies().stream().toList());
        List<ScheduledAction> scheduled = read(unanswered, "Application Auto Scaling DescribeScheduledActions",
                () -> autoScaling.describeScheduledActionsPaginator(b -> b.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(target.resourceId()).scalableDimension(target.scalableDimension())).scheduledActions().stream().toList());
        List<ScalingActivity> activities = read(unanswered, "Application Auto Scaling DescribeScalingActivities",
                () -> autoScaling.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(target.resourceId()).scalableDimension(target.scalableDimension()).maxResults(50)).scalingActivities())
                .stream().sorted(Comparator.comparing(ScalingActivity::startTime, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        Map<String, MetricAlarm> alarms = alarms(cloudWatch, policies, unanswered);
        List<PolicyView> policyViews = policies.stream().map(p -> new PolicyView(p, summary(p), p.alarms().stream()
                .map(a -> alarmView(a, alarms)).toList())).toList();
        Optional<ClusterView> cluster = clusters.stream().filter(c -> clusterName.equals(c.cluster().clusterName())).findFirst();
        Optional<Service> service = cluster.flatMap(c -> c.services().stream()
                .filter(s -> serviceName.equals(s.serviceName()) && !"INACTIVE".equals(s.status())).findFirst());
        ScalingChart chart = service.map(s -> ScalingChart.of(target.resourceId(), time.awsNow(), s.createdAt(),
                desiredSet(activities), s.desiredCount() == null ? 0 : s.desiredCount(), cluster.get().tasksOf(s),
                metric(cloudWatch, policies, alarms, time.awsNow().minus(ScalingChart.window(s.createdAt(), time.awsNow())),
                        time.awsNow(), unanswered))).orElse(null);
        return new TargetView(target, clusterName, serviceName, policyViews, scheduled,
                activities.subList(0, Math.min(ACTIVITIES_SHOWN, activities.size())), chart);
    }

    /** What the successful activities set the desired count to, by when they ended. */
    static TreeMap<Instant, Integer> desiredSet(List<ScalingActivity> activities) {
        TreeMap<Instant, Integer> set = new TreeMap<>();
        for (ScalingActivity activity : activities) {
            Matcher matcher = DESIRED_SET.matcher(String.valueOf(activity.description()));
            Instant when = activity.endTime() != null ? activity.endTime() : activity.startTime();
            if (activity.statusCode() == ScalingActivityStatusCode.SUCCESSFUL && matcher.find() && when != null) {
                set.put(when, Integer.parseInt(matcher.group(1)));
            }
        }
        return set;
    }

    /** A policy in one line: "target tracking: ECSServiceAverageCPUUtilization at 50", "step scaling (ChangeInCapacity)". */
    static String summary(ScalingPolicy policy) {
        TargetTrackingScalingPolicyConfiguration tracking = policy.targetTrackingScalingPolicyConfiguration();
        if (tracking != null) {
            String metric = tracking.predefinedMetricSpecification() != null
                    ? tracking.predefinedMetricSpecification().predefinedMetricTypeAsString()
                    : tracking.customizedMetricSpecification() != null ? tracking.customizedMetricSpecification().metricName() : "a metric";
            return "target tracking: " + metric + " at " + ScalingChart.number(tracking.targetValue())
                    + (Boolean.TRUE.equals(tracking.disableScaleIn()) ? ", scale-in disabled" : "");
        }
        if (policy.stepScalingPolicyConfiguration() != null) {
            return "step scaling (" + policy.stepScalingPolicyConfiguration().adjustmentTypeAsString() + ")";
        }
        return policy.policyTypeAsString();
    }

    private static Map<String, MetricAlarm> alarms(CloudWatchClient cloudWatch, List<ScalingPolicy> policies, Unanswered unanswered) {
        List<String> names = policies.stream().flatMap(p -> p.alarms().stream()).map(Alarm::alarmName).distinct().toList();
        Map<String, MetricAlarm> alarms = new HashMap<>();
        for (List<String> batch : EcsSection.batches(names, 100)) {
            read(unanswered, "CloudWatch DescribeAlarms", () -> cloudWatch.describeAlarms(b -> b.alarmNames(batch)).metricAlarms())
                    .forEach(alarm -> alarms.put(alarm.alarmName(), alarm));
        }
        return alarms;
    }

    private static AlarmView alarmView(Alarm alarm, Map<String, MetricAlarm> alarms) {
        MetricAlarm read = alarms.get(alarm.alarmName());
        return read == null ? new AlarmView(alarm.alarmName(), "UNKNOWN", "not read")
                : new AlarmView(alarm.alarmName(), read.stateValueAsString(), read.stateReason());
    }

    /** The metric the first policy's first alarm watches (target tracking's AlarmHigh), from start to end. */
    private static ScalingChart.Metric metric(CloudWatchClient cloudWatch, List<ScalingPolicy> policies, Map<String, MetricAlarm> alarms,
                                              Instant start, Instant end, Unanswered unanswered) {
        for (ScalingPolicy policy : policies) {
            for (Alarm alarm : policy.alarms()) {
                MetricAlarm watched = alarms.get(alarm.alarmName());
                if (watched == null || watched.metricName() == null) {
                    continue;
                }
                Double target = policy.targetTrackingScalingPolicyConfiguration() != null
                        ? policy.targetTrackingScalingPolicyConfiguration().targetValue() : watched.threshold();
                List<MetricDataResult> results = read(unanswered, "CloudWatch GetMetricData", () -> cloudWatch.getMetricData(b -> b
                        .startTime(start).endTime(end)
                        .metricDataQueries(q -> q.id("m0").returnData(true).metricStat(s -> s.period(60)
                                .stat(watched.statisticAsString() == null ? "Average" : watched.statisticAsString())
                                .metric(m -> m.namespace(watched.namespace()).metricName(watched.metricName())
                                        .dimensions(watched.dimensions())))))
                        .metricDataResults());
                String label = watched.namespace() + " " + watched.metricName() + " (" + watched.statisticAsString() + " per minute)";
                boolean percent = "Percent".equals(watched.unitAsString()) || watched.metricName().endsWith("Utilization");
                return results.isEmpty() ? new ScalingChart.Metric(label, percent, List.of(), List.of(), target)
                        : new ScalingChart.Metric(label, percent, results.get(0).timestamps(), results.get(0).values(), target);
            }
        }
        return ScalingChart.Metric.NONE;
    }

    /** A list read through the SDK, or an empty one with the refusal noted once. */
    private static <T> List<T> read(Unanswered unanswered, String action, java.util.function.Supplier<List<T>> call) {
        if (unanswered.refused(action)) {
            return List.of();
        }
        try {
            return call.get();
        } catch (SdkException e) {
            unanswered.add(action, e);
            return List.of();
        }
    }
}
