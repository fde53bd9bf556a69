package dev.ecslabs.autoscaling;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.NotDoneYet;
import dev.ecslabs.labkit.ServiceLoad;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
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
        // TODO: register the service's desired count as a scalable target from MIN_CAPACITY to MAX_CAPACITY, and return it described
        throw new NotDoneYet();
    }

    /** Exercise 08.2: a target tracking policy CPU_POLICY keeping the service's average CPU at CPU_TARGET; the names of the alarms it created. */
    public static List<String> trackCpu(ApplicationAutoScalingClient autoScaling, String cluster, String service) {
        // TODO: put a target tracking policy on ECSServiceAverageCPUUtilization at CPU_TARGET, scale-out cooldown 60 s, scale-in 300 s; return its alarms' names
        throw new NotDoneYet();
    }

    /**
     * Exercise 08.3: {@code requestsPerSecond} of load on the service ({@link ServiceLoad#set}) until its
     * AlarmHigh fires and the service has scaled out and runs all its tasks.
     */
    public static ScaleOut scaleOutUnderLoad(Backend backend, CloudWatchClient cloudWatch, EcsClient ecs, String cluster,
                                             String service, double requestsPerSecond, Duration pollInterval) {
        // TODO: set the load, wait until the policy's AlarmHigh is in ALARM, then until desiredCount > MIN_CAPACITY and all of it runs
        throw new NotDoneYet();
    }

    /** Exercise 08.4: the service once the load is off and it has scaled back in to MIN_CAPACITY running tasks. */
    public static Service scaleInAfterLoad(Backend backend, EcsClient ecs, String cluster, String service, Duration pollInterval) {
        // TODO: take the load off (0 requests a second), and wait until the service wants and runs MIN_CAPACITY tasks again
        throw new NotDoneYet();
    }

    /**
     * Exercise 08.5: a target tracking policy REQUESTS_POLICY keeping each target of the load balancer's
     * target group at {@code requestsPerTarget} requests a minute; the policy's ARN.
     */
    public static String trackRequestsPerTarget(ApplicationAutoScalingClient autoScaling, String cluster, String service,
                                                String loadBalancerArn, String targetGroupArn, double requestsPerTarget) {
        // TODO: put a target tracking policy on ALBRequestCountPerTarget with the resource label made from the two ARNs; return its ARN
        throw new NotDoneYet();
    }

    /** Exercise 08.6: at least BUSINESS_HOURS_MIN tasks from OPENING to CLOSING in TIME_ZONE; the service's scheduled actions, described. */
    public static List<ScheduledAction> scheduleBusinessHours(ApplicationAutoScalingClient autoScaling, String cluster,
                                                              String service) {
        // TODO: schedule "business-hours-start" (min BUSINESS_HOURS_MIN) and "business-hours-end" (min MIN_CAPACITY), max MAX_CAPACITY; return them described
        throw new NotDoneYet();
    }

    /** Exercise 08.7: what Application Auto Scaling did to the service and why, oldest first. */
    public static List<Activity> explain(ApplicationAutoScalingClient autoScaling, String cluster, String service) {
        // TODO: read the service's scaling activities and return them as Activity records, oldest first
        throw new NotDoneYet();
    }
}
