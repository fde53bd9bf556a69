package dev.ecslabs.emulator.ecs.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * A service's event log as DescribeServices shows it: the service scheduler's messages in AWS's
 * words, newest first, the 100 most recent only, and a message that repeats the newest one left
 * out for six hours ("we only show the 100 most recent events and duplicate event messages are
 * omitted until either the cause is resolved or six hours passes",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html).
 */
final class ServiceEvents {
    static final int MAX_EVENTS = 100;
    static final Duration REPEAT_AFTER = Duration.ofHours(6);

    private final Deque<ServiceEvent> newestFirst = new ArrayDeque<>();

    /** Adds an event, unless it repeats the newest one within six hours. */
    void add(Instant at, String message) {
        ServiceEvent newest = newestFirst.peekFirst();
        if (newest != null && newest.message().equals(message)
                && Duration.between(newest.createdAt(), at).compareTo(REPEAT_AFTER) < 0) {
            return;
        }
        newestFirst.addFirst(ServiceEvent.builder().id(UUID.randomUUID().toString()).createdAt(at).message(message).build());
        while (newestFirst.size() > MAX_EVENTS) {
            newestFirst.removeLast();
        }
    }

    /** Restores an event read back from a snapshot, which lists them newest first. */
    void restore(ServiceEvent event) {
        newestFirst.addLast(event);
    }

    List<ServiceEvent> newestFirst() {
        return List.copyOf(newestFirst);
    }

    // The messages below are AWS's own, as the service event messages page and real services show them.

    static String started(String service, List<String> taskIds, int replacedUnhealthy) {
        String message = "(service " + service + ") has started " + taskIds.size() + " tasks: " + tasks(taskIds) + ".";
        return replacedUnhealthy == 0 ? message
                : message + " Amazon ECS replaced " + replacedUnhealthy + " tasks due to an unhealthy status.";
    }

    static String stopped(String service, List<String> taskIds) {
        return "(service " + service + ") has stopped " + taskIds.size() + " running tasks: " + tasks(taskIds) + ".";
    }

    static String steadyState(String service) {
        return "(service " + service + ") has reached a steady state.";
    }

    static String deploymentCompleted(String service, String deploymentId) {
        return "(service " + service + ") (deployment " + deploymentId + ") deployment completed.";
    }

    static String deploymentFailed(String service, String deploymentId) {
        return "(service " + service + ") (deployment " + deploymentId + ") deployment failed: tasks failed to start.";
    }

    static String rollingBack(String service, String deploymentId) {
        return "(service " + service + ") rolling back to deployment " + deploymentId + ".";
    }

    static String failedHealthChecks(String service, String taskId) {
        return "(service " + service + ") (task " + taskId + ") failed container health checks.";
    }

    static String failedElbHealthChecks(String service, String taskId, String targetGroupArn) {
        return "(service " + service + ") (task " + taskId + ") failed ELB health checks in (target-group " + targetGroupArn + ").";
    }

    /** The service throttle logic's message (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-throttle-logic.html). */
    static String unableToConsistentlyStart(String service) {
        return "(service " + service + ") is unable to consistently start tasks successfully.";
    }

    static String unableToPlace(String service, String reason) {
        return "(service " + service + ") was unable to place a task because no container instance met all of its "
                + "requirements. Reason: " + reason + " For more information, see the Troubleshooting section of the "
                + "Amazon ECS Developer Guide.";
    }

    /** What ECS reports when a Fargate task of the service could not start, with the task's stoppedReason. */
    static String unableToPlaceTask(String service, String reason) {
        String text = reason == null ? "" : reason.strip();
        return "(service " + service + ") was unable to place a task. Reason: " + text + (text.endsWith(".") ? "" : ".");
    }

    private static String tasks(List<String> taskIds) {
        return taskIds.stream().map(id -> "(task " + id + ")").collect(Collectors.joining(" "));
    }
}
