package dev.ecslabs.autoscaling;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.ServiceLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Scaling the web service with its load: a scalable target of 2 to 10 tasks, target tracking on CPU
 * and on requests per target, load that makes it scale out and in, a schedule for business hours,
 * and the activities that tell what happened.
 */
public final class ServiceScaling {
    /** The fewest tasks the web service runs, whatever the load. */
    public static final int MIN_CAPACITY = 2;
    /** The most tasks the web service may run. */
    public static final int MAX_CAPACITY = 10;
    /** The average CPU utilisation, in percent, that the CPU policy keeps the service at. */
    public static final double CPU_TARGET = 50.0;
    /** The CPU policy's name. */
    public static final String CPU_POLICY = "cpu50";
    /** The request count policy's name. */
    public static final String REQUESTS_POLICY = "requests-per-target";
    /** Business hours begin at 08:00 on weekdays, in Berlin. */
    public static final String OPENING = "cron(0 8 ? * MON-FRI *)";
    /** ... and end at 18:00. */
    public static final String CLOSING = "cron(0 18 ? * MON-FRI *)";
    public static final String TIME_ZONE = "Europe/Berlin";
    /** The fewest tasks during business hours. */
    public static final int BUSINESS_HOURS_MIN = 4;

    private ServiceScaling() {
    }

    /** The resource id Application Auto Scaling names an ECS service by: {@code service/<cluster>/<service>}. */
    public static String resourceId(String cluster, String service) {
        return "service/" + cluster + "/" + service;
    }

    /** Exercise 08.1: the service registered as a scalable target of MIN_CAPACITY to MAX_CAPACITY tasks, as DescribeScalableTargets tells it. */
    public static ScalableTarget registerScalableTarget(ApplicationAutoScalingClient autoScaling, String cluster, String service) {
        autoScaling.registerScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId(cluster, service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(MIN_CAPACITY).maxCapacity(MAX_CAPACITY));
        return autoScaling.describeScalableTargets(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(resourceId(cluster, service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT))
                .scalableTargets().get(0);
    }

    /** Exercise 08.2: a target tracking policy CPU_POLICY keeping the service's average CPU at CPU_TARGET; the names of the alarms it created. */
    public static List<String> trackCpu(ApplicationAutoScalingClient autoScaling, String cluster, String service) {
        PutScalingPolicyResponse policy = autoScaling.putScalingPolicy(request -> request.policyName(CPU_POLICY)
                .serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId(cluster, service))
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(tracking -> tracking.targetValue(CPU_TARGET)
                        .predefinedMetricSpecification(metric -> metric.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))
                        .scaleOutCooldown(60).scaleInCooldown(300)));
        return policy.alarms().stream().map(Alarm::alarmName).toList();
    }

    /**
     * Exercise 08.3: {@code requestsPerSecond} of load on the service ({@link ServiceLoad#set}) until its
     * AlarmHigh fires and the service has scaled out and runs all its tasks.
     */
    public static ScaleOut scaleOutUnderLoad(Backend backend, CloudWatchClient cloudWatch, EcsClient ecs, String cluster,
                                             String service, double requestsPerSecond, Duration pollInterval) {
        ServiceLoad.set(backend, cluster, service, requestsPerSecond);
        String alarmHigh = "TargetTracking-" + resourceId(cluster, service) + "-AlarmHigh-";
        MetricAlarm fired = Poll.until(
                () -> cloudWatch.describeAlarms(request -> request.alarmNamePrefix(alarmHigh)).metricAlarms(),
                alarms -> alarms.size() == 1 && alarms.get(0).stateValue() == StateValue.ALARM, pollInterval).get(0);
        Service scaledOut = Poll.until(() -> describe(ecs, cluster, service),
                described -> described.desiredCount() > MIN_CAPACITY && described.runningCount() == described.desiredCount(),
                pollInterval);
        return new ScaleOut(fired.alarmName(), fired.stateValueAsString(), scaledOut.desiredCount(), scaledOut.runningCount());
    }

    /** Exercise 08.4: the service once the load is off and it has scaled back in to MIN_CAPACITY running tasks. */
    public static Service scaleInAfterLoad(Backend backend, EcsClient ecs, String cluster, String service, Duration pollInterval) {
        ServiceLoad.set(backend, cluster, service, 0);
        return Poll.until(() -> describe(ecs, cluster, service),
                described -> described.desiredCount() == MIN_CAPACITY && described.runningCount() == MIN_CAPACITY, pollInterval);
    }

    /**
     * Exercise 08.5: a target tracking policy REQUESTS_POLICY keeping each target of the load balancer's
     * target group at {@code requestsPerTarget} requests a minute; the policy's ARN.
     */
    public static String trackRequestsPerTarget(ApplicationAutoScalingClient autoScaling, String cluster, String service,
                                                String loadBalancerArn, String targetGroupArn, double requestsPerTarget) {
        // app/<name>/<id> from the load balancer's ARN, targetgroup/<name>/<id> from the target group's
        String loadBalancer = loadBalancerArn.substring(loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        String targetGroup = targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
        return autoScaling.putScalingPolicy(request -> request.policyName(REQUESTS_POLICY)
                .serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId(cluster, service))
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(tracking -> tracking.targetValue(requestsPerTarget)
                        .predefinedMetricSpecification(metric -> metric.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)
                                .resourceLabel(loadBalancer + "/" + targetGroup))))
                .policyARN();
    }

    /** Exercise 08.6: at least BUSINESS_HOURS_MIN tasks from OPENING to CLOSING in TIME_ZONE; the service's scheduled actions, described. */
    public static List<ScheduledAction> scheduleBusinessHours(ApplicationAutoScalingClient autoScaling, String cluster,
                                                              String service) {
        schedule(autoScaling, cluster, service, "business-hours-start", OPENING, BUSINESS_HOURS_MIN);
        schedule(autoScaling, cluster, service, "business-hours-end", CLOSING, MIN_CAPACITY);
        return autoScaling.describeScheduledActions(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId(cluster, service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT))
                .scheduledActions();
    }

    private static void schedule(ApplicationAutoScalingClient autoScaling, String cluster, String service, String name,
                                 String cron, int minCapacity) {
        autoScaling.putScheduledAction(request -> request.scheduledActionName(name).serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId(cluster, service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .schedule(cron).timezone(TIME_ZONE)
                .scalableTargetAction(action -> action.minCapacity(minCapacity).maxCapacity(MAX_CAPACITY)));
    }

    /** Exercise 08.7: what Application Auto Scaling did to the service and why, oldest first. */
    public static List<Activity> explain(ApplicationAutoScalingClient autoScaling, String cluster, String service) {
        List<Activity> activities = new ArrayList<>();
        autoScaling.describeScalingActivitiesPaginator(request -> request.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId(cluster, service)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT))
                .scalingActivities().forEach(activity -> activities.add(new Activity(activity.startTime(),
                        activity.description(), activity.cause(), activity.statusCodeAsString())));
        Collections.reverse(activities); // Application Auto Scaling answers newest first
        return activities;
    }

    private static Service describe(EcsClient ecs, String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)).services().get(0);
    }
}
