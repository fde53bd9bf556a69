package dev.ecslabs.loadbalancing;

/**
 * A target the load balancer found unhealthy, as DescribeTargetHealth reports it: its id (a task's
 * private IP for an ip target group), port, AWS's reason code ({@code Target.ResponseCodeMismatch},
 * {@code Target.Timeout}, {@code Target.FailedHealthChecks}) and description.
 */
public record UnhealthyTarget(String id, int port, String reason, String description) {
}
