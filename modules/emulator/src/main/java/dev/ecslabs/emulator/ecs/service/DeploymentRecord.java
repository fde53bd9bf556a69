package dev.ecslabs.emulator.ecs.service;

import java.time.Instant;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * One deployment of a service: the service revision it runs (task definition, launch type or
 * capacity provider strategy, network configuration, and the service registries and Service
 * Connect configuration its tasks are registered with), its status (PRIMARY or ACTIVE), desired
 * count and rollout state, and what the scheduler counts for it: the tasks that failed in a row
 * (the circuit breaker's count, {@code failedTasks}) and those that never reached RUNNING (the
 * throttle's count). Its tasks are those whose {@code startedBy} is its id.
 */
final class DeploymentRecord {
    static final String PRIMARY = "PRIMARY";
    static final String ACTIVE = "ACTIVE";

    private final String id;
    private final ServiceRevision revision;
    private final Instant createdAt;
    private String status;
    private int desiredCount;
    private Instant updatedAt;
    private DeploymentRolloutState rolloutState;
    private String rolloutStateReason;
    private int failedTasks;
    private int startFailures;
    private Instant nextLaunchAt;
    private String serviceDeploymentArn;

    DeploymentRecord(String id, ServiceRevision revision, Instant createdAt, int desiredCount, String serviceDeploymentArn) {
        this.id = id;
        this.revision = revision;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.status = PRIMARY;
        this.desiredCount = desiredCount;
        this.rolloutState = DeploymentRolloutState.IN_PROGRESS;
        this.rolloutStateReason = inProgressReason(id);
        this.serviceDeploymentArn = serviceDeploymentArn;
    }

    /** "ECS deployment ecs-svc/… in progress.": the reason ECS gives a deployment while it rolls out. */
    static String inProgressReason(String id) {
        return "ECS deployment " + id + " in progress.";
    }

    static String completedReason(String id) {
        return "ECS deployment " + id + " completed.";
    }

    String id() {
        return id;
    }

    ServiceRevision revision() {
        return revision;
    }

    String taskDefinitionArn() {
        return revision.taskDefinition();
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean isPrimary() {
        return PRIMARY.equals(status);
    }

    String status() {
        return status;
    }

    int desiredCount() {
        return desiredCount;
    }

    DeploymentRolloutState rolloutState() {
        return rolloutState;
    }

    String rolloutStateReason() {
        return rolloutStateReason;
    }

    int failedTasks() {
        return failedTasks;
    }

    int startFailures() {
        return startFailures;
    }

    Instant nextLaunchAt() {
        return nextLaunchAt;
    }

    String serviceDeploymentArn() {
        return serviceDeploymentArn;
    }

    void promote(int desired, Instant at) {
        status = PRIMARY;
        desiredCount = desired;
        updatedAt = at;
    }

    /** No longer PRIMARY: a newer deployment replaces its tasks. */
    void demote(Instant at) {
        status = ACTIVE;
        desiredCount = 0;
        updatedAt = at;
    }

    void desiredCount(int desired, Instant at) {
        if (desired != desiredCount) {
            desiredCount = desired;
            updatedAt = at;
        }
    }

    void rollout(DeploymentRolloutState state, String reason, Instant at) {
        rolloutState = state;
        rolloutStateReason = reason;
        updatedAt = at;
    }

    /** Drives this deployment for another service deployment (a rollback reuses the deployment it rolls back to). */
    void serviceDeploymentArn(String arn) {
        serviceDeploymentArn = arn;
    }

    /** A task of this deployment failed: it never reached RUNNING, or it failed its health checks. */
    void taskFailed(boolean neverRan) {
        failedTasks++;
        if (neverRan) {
            startFailures++;
        }
    }

    /** A task reached RUNNING: launches are no longer throttled. */
    void taskRan() {
        startFailures = 0;
        nextLaunchAt = null;
    }

    /** A task became healthy: the circuit breaker's count starts again ("resetOnHealthyTask", true by default). */
    void taskHealthy() {
        failedTasks = 0;
    }

    void throttleUntil(Instant at) {
        nextLaunchAt = at;
    }

    /** Restores the counters a snapshot kept. */
    void restoreCounters(int failed, int startFailed, Instant launchAt) {
        failedTasks = failed;
        startFailures = startFailed;
        nextLaunchAt = launchAt;
    }

    /** Restores what a snapshot kept of the deployment as DescribeServices showed it. */
    void restoreState(Deployment saved) {
        status = saved.status();
        desiredCount = saved.desiredCount();
        updatedAt = saved.updatedAt();
        rolloutState = saved.rolloutState();
        rolloutStateReason = saved.rolloutStateReason();
    }

    /** The deployment as DescribeServices shows it, with its tasks counted. */
    Deployment view(int pendingCount, int runningCount) {
        Deployment.Builder view = Deployment.builder()
                .id(id)
                .status(status)
                .taskDefinition(revision.taskDefinition())
                .desiredCount(desiredCount)
                .pendingCount(pendingCount)
                .runningCount(runningCount)
                .failedTasks(failedTasks)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .platformVersion(revision.platformVersion())
                .platformFamily(revision.platformFamily())
                .networkConfiguration(revision.networkConfiguration())
                .rolloutState(rolloutState)
                .rolloutStateReason(rolloutStateReason);
        if (revision.launchType() != null) {
            view.launchType(revision.launchType());
        } else {
            view.capacityProviderStrategy(revision.capacityProviderStrategy());
        }
        if (revision.serviceConnectConfiguration() != null) {
            view.serviceConnectConfiguration(revision.serviceConnectConfiguration());
        }
        return view.build();
    }
}
