package dev.ecslabs.emulator.autoscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * The two CloudWatch alarms a target tracking policy creates and owns, named and shaped as AWS
 * does (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html):
 * {@code TargetTracking-<resource id>-AlarmHigh-<uuid>}, the metric above the target for 3 of 3
 * one-minute periods, and {@code TargetTracking-<resource id>-AlarmLow-<uuid>}, below 90 % of the
 * target for 15 of 15 (none when DisableScaleIn is true). Both invoke the policy.
 */
final class TargetTrackingAlarms {
    static final int HIGH_PERIODS = 3;
    static final int LOW_PERIODS = 15;
    static final double LOW_FRACTION = 0.9;
    /** {@code app/<load balancer>/<id>/targetgroup/<target group>/<id>} (PredefinedMetricSpecification.ResourceLabel). */
    private static final Pattern ALB_LABEL = Pattern.compile("app/[^/]+/[^/]+/(targetgroup/[^/]+/[^/]+)");

    private TargetTrackingAlarms() {
    }

    /** The metric part of an alarm: one metric with its statistic, or metric math. */
    record Watched(String namespace, String metricName, List<Dimension> dimensions, String statistic, String unit,
                   List<MetricDataQuery> metrics) {
    }

    /** Checks the configuration and answers the metric it tracks, as its alarms watch it. */
    static Watched watched(String resourceId, TargetTrackingScalingPolicyConfiguration configuration) {
        if (configuration.targetValue() == null) {
            throw AutoScalingErrors.validation("TargetTrackingScalingPolicyConfiguration.TargetValue is required.");
        }
        PredefinedMetricSpecification predefined = configuration.predefinedMetricSpecification();
        CustomizedMetricSpecification customized = configuration.customizedMetricSpecification();
        if ((predefined == null) == (customized == null)) {
            throw AutoScalingErrors.validation("A target tracking policy tracks either a PredefinedMetricSpecification or a "
                    + "CustomizedMetricSpecification: give exactly one.");
        }
        if (predefined != null) {
            return predefined(resourceId, predefined);
        }
        if (customized.hasMetrics()) {
            List<MetricDataQuery> queries = new ArrayList<>();
            for (TargetTrackingMetricDataQuery query : customized.metrics()) {
                MetricDataQuery.Builder converted = MetricDataQuery.builder().id(query.id()).expression(query.expression())
                        .label(query.label()).returnData(query.returnData());
                if (query.metricStat() != null) {
                    var stat = query.metricStat();
                    List<Dimension> dimensions = stat.metric().dimensions().stream()
                            .map(d -> Dimension.builder().name(d.name()).value(d.value()).build()).toList();
                    converted.metricStat(s -> s.period(60).stat(stat.stat()).unit(stat.unit())
                            .metric(m -> m.namespace(stat.metric().namespace()).metricName(stat.metric().metricName())
                                    .dimensions(dimensions)));
                }
                queries.add(converted.build());
            }
            return new Watched(null, null, List.of(), null, null, queries);
        }
        if (customized.metricName() == null || customized.namespace() == null || customized.statistic() == null) {
            throw AutoScalingErrors.validation("A CustomizedMetricSpecification names its MetricName, Namespace and Statistic "
                    + "(or gives Metrics).");
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (MetricDimension dimension : customized.dimensions()) {
            dimensions.add(Dimension.builder().name(dimension.name()).value(dimension.value()).build());
        }
        return new Watched(customized.namespace(), customized.metricName(), dimensions, customized.statisticAsString(),
                customized.unit(), null);
    }

    private static Watched predefined(String resourceId, PredefinedMetricSpecification predefined) {
        EcsServiceResource service = EcsServiceResource.parse(resourceId);
        List<Dimension> ecs = List.of(Dimension.builder().name("ClusterName").value(service.clusterName()).build(),
                Dimension.builder().name("ServiceName").value(service.serviceName()).build());
        String type = predefined.predefinedMetricTypeAsString();
        return switch (type) {
            case "ECSServiceAverageCPUUtilization" -> new Watched("AWS/ECS", "CPUUtilization", ecs, "Average", "Percent", null);
            case "ECSServiceAverageMemoryUtilization" -> new Watched("AWS/ECS", "MemoryUtilization", ecs, "Average", "Percent", null);
            case "ALBRequestCountPerTarget" -> {
                String label = predefined.resourceLabel();
                Matcher matcher = label == null ? null : ALB_LABEL.matcher(label);
                if (matcher == null || !matcher.matches()) {
                    throw AutoScalingErrors.validation("ALBRequestCountPerTarget needs a ResourceLabel "
                            + "app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id> "
                            + "(the final parts of the load balancer's and the target group's ARNs), not " + label + ".");
                }
                yield new Watched("AWS/ApplicationELB", "RequestCountPerTarget",
                        List.of(Dimension.builder().name("TargetGroup").value(matcher.group(1)).build()), "Sum", null, null);
            }
            default -> throw AutoScalingErrors.validation("The predefined metric type " + type + " does not apply to "
                    + EcsServiceResource.DIMENSION + ": use ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization "
                    + "or ALBRequestCountPerTarget.");
        };
    }

    /** The alarms for the policy: AlarmHigh, and AlarmLow unless scale-in is disabled. */
    static List<PutMetricAlarmRequest> alarms(String resourceId, String policyArn, Watched watched,
                                              TargetTrackingScalingPolicyConfiguration configuration) {
        List<PutMetricAlarmRequest> alarms = new ArrayList<>();
        double target = configuration.targetValue();
        alarms.add(alarm(resourceId, "AlarmHigh", policyArn, watched, HIGH_PERIODS, target,
                ComparisonOperator.GREATER_THAN_THRESHOLD));
        if (!Boolean.TRUE.equals(configuration.disableScaleIn())) {
            alarms.add(alarm(resourceId, "AlarmLow", policyArn, watched, LOW_PERIODS, target * LOW_FRACTION,
                    ComparisonOperator.LESS_THAN_THRESHOLD));
        }
        return alarms;
    }

    private static PutMetricAlarmRequest alarm(String resourceId, String kind, String policyArn, Watched watched, int periods,
                                               double threshold, ComparisonOperator operator) {
        PutMetricAlarmRequest.Builder alarm = PutMetricAlarmRequest.builder()
                .alarmName("TargetTracking-" + resourceId + "-" + kind + "-" + UUID.randomUUID())
                .alarmDescription("DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policyArn + ".")
                .actionsEnabled(true).alarmActions(policyArn).evaluationPeriods(periods).datapointsToAlarm(periods)
                .threshold(threshold).comparisonOperator(operator);
        if (watched.metrics() != null) {
            return alarm.metrics(watched.metrics()).build();
        }
        return alarm.namespace(watched.namespace()).metricName(watched.metricName()).dimensions(watched.dimensions())
                .statistic(watched.statistic()).unit(watched.unit()).period(60).build();
    }
}
