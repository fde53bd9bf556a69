package dev.ecslabs.emulator.elb;

import java.time.Instant;

/**
 * One target registered with a target group and its health as DescribeTargetHealth reports it
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html):
 * {@code state} initial, healthy, unhealthy, draining (until {@code drainingUntil}) or unused, with
 * AWS's reason code and description; {@code passes}/{@code failures} count the health checks in a
 * row that the thresholds are compared with.
 */
public record RegisteredTarget(String id, int port, String availabilityZone, String state, String reason,
                               String description, int passes, int failures, Instant drainingUntil) {
    public static final String INITIAL = "initial";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    public static final String DRAINING = "draining";
    public static final String UNUSED = "unused";

    static RegisteredTarget registered(String id, int port, String availabilityZone, boolean inUse) {
        return inUse ? new RegisteredTarget(id, port, availabilityZone, INITIAL, "Elb.RegistrationInProgress",
                "Target registration is in progress", 0, 0, null)
                : notInUse(new RegisteredTarget(id, port, availabilityZone, UNUSED, null, null, 0, 0, null));
    }

    static RegisteredTarget notInUse(RegisteredTarget target) {
        return new RegisteredTarget(target.id, target.port, target.availabilityZone, UNUSED, "Target.NotInUse",
                "Target group is not configured to receive traffic from the load balancer", 0, 0, null);
    }

    /** Back to {@code initial} when its target group starts receiving traffic (a listener or rule now forwards to it). */
    RegisteredTarget inUse() {
        return state.equals(UNUSED) ? new RegisteredTarget(id, port, availabilityZone, INITIAL, "Elb.InitialHealthChecking",
                "Initial health checks in progress", 0, 0, null) : this;
    }

    RegisteredTarget draining(Instant until) {
        return new RegisteredTarget(id, port, availabilityZone, DRAINING, "Target.DeregistrationInProgress",
                "Target deregistration is in progress", passes, failures, until);
    }

    RegisteredTarget withHealth(String newState, String newReason, String newDescription, int newPasses, int newFailures) {
        return new RegisteredTarget(id, port, availabilityZone, newState, newReason, newDescription, newPasses, newFailures,
                drainingUntil);
    }

    public boolean routable() {
        return state.equals(HEALTHY);
    }

    public boolean is(String targetId, int targetPort) {
        return id.equals(targetId) && port == targetPort;
    }
}
