package dev.ecslabs.emulator.ecs.service;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Rollback;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentRollbackMonitorsStatus;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * The deployment circuit breaker: a PRIMARY deployment whose tasks fail in a row (tasks that
 * never reach RUNNING, or fail their health checks and are stopped; a healthy task starts the
 * count again) as many times as the threshold, {@code 0.5 × desiredCount} clamped to 3…200,
 * becomes FAILED and launches no more tasks; with {@code rollback}, the service goes back to the
 * last deployment that COMPLETED, which becomes PRIMARY again under its own id
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeploymentCircuitBreaker.html).
 */
final class CircuitBreaker {
    static final int MIN_THRESHOLD = 3;
    static final int MAX_THRESHOLD = 200;
    /** The rolloutStateReason of a deployment the circuit breaker failed. */
    static final String FAILED_REASON = "ECS deployment circuit breaker: tasks failed to start.";

    private CircuitBreaker() {
    }

    /** 0.5 × the desired count (a half task rounds up), at least 3 and at most 200. */
    static int threshold(int desiredCount) {
        return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, (desiredCount + 1) / 2));
    }

    static String rollingBackReason(String deploymentId) {
        return "ECS deployment circuit breaker: rolling back to deploymentId " + deploymentId + ".";
    }

    static boolean enabled(DeploymentConfiguration configuration) {
        DeploymentCircuitBreaker breaker = configuration == null ? null : configuration.deploymentCircuitBreaker();
        return breaker != null && Boolean.TRUE.equals(breaker.enable());
    }

    static boolean rollback(DeploymentConfiguration configuration) {
        return enabled(configuration) && Boolean.TRUE.equals(configuration.deploymentCircuitBreaker().rollback());
    }

    /** How ListServiceDeployments reports the breaker of a service deployment. */
    static ServiceDeploymentCircuitBreaker report(DeploymentConfiguration configuration,
                                                  ServiceDeploymentRollbackMonitorsStatus status, int failures,
                                                  int desiredCount) {
        if (!enabled(configuration)) {
            return ServiceDeploymentCircuitBreaker.builder().status(ServiceDeploymentRollbackMonitorsStatus.DISABLED)
                    .failureCount(0).threshold(0).build();
        }
        return ServiceDeploymentCircuitBreaker.builder().status(status).failureCount(failures)
                .threshold(threshold(desiredCount)).build();
    }

    /**
     * Trips the breaker when the PRIMARY deployment is rolling out and has failed as often as
     * the threshold: it becomes FAILED and, with rollback, the last COMPLETED deployment is
     * PRIMARY again. Answers whether it tripped.
     */
    static boolean check(ServiceRecord record, Instant now) {
        DeploymentConfiguration configuration = record.service().deploymentConfiguration();
        DeploymentRecord failed = record.primary();
        int threshold = threshold(record.desiredCount());
        if (!enabled(configuration) || failed.rolloutState() != DeploymentRolloutState.IN_PROGRESS
                || failed.failedTasks() < threshold) {
            return false;
        }
        failed.rollout(DeploymentRolloutState.FAILED, FAILED_REASON, now);
        record.events().add(now, ServiceEvents.deploymentFailed(record.name(), failed.id()));
        ServiceDeploymentCircuitBreaker triggered = report(configuration, ServiceDeploymentRollbackMonitorsStatus.TRIGGERED,
                failed.failedTasks(), record.desiredCount());
        Optional<ServiceRecord.Completed> target = rollback(configuration)
                ? record.lastCompleted().filter(c -> !c.deploymentId().equals(failed.id())) : Optional.empty();
        if (target.isEmpty()) {
            record.serviceDeployments().update(failed.serviceDeploymentArn(), d -> d
                    .status(ServiceDeploymentStatus.STOPPED)
                    .statusReason("The deployment circuit breaker stopped it: " + failed.failedTasks()
                            + " tasks failed to start or to become healthy (threshold " + threshold + ").")
                    .stoppedAt(now).updatedAt(now).deploymentCircuitBreaker(triggered));
            return true;
        }
        rollBack(record, failed, target.get(), triggered, now);
        return true;
    }

    private static void rollBack(ServiceRecord record, DeploymentRecord failed, ServiceRecord.Completed target,
                                 ServiceDeploymentCircuitBreaker triggered, Instant now) {
        rollBack(record, failed, target, rollingBackReason(target.deploymentId()),
                "The deployment circuit breaker detected that tasks failed to start or to become healthy, "
                        + "and rolls the service back to the last completed deployment " + target.deploymentId() + ".", now);
        record.serviceDeployments().update(failed.serviceDeploymentArn(), d -> d.deploymentCircuitBreaker(triggered));
    }

    /**
     * Makes the last COMPLETED deployment PRIMARY again in place of {@code failed} (the circuit
     * breaker's rollback, and StopServiceDeployment's): its tasks start again and the failed
     * deployment's tasks go; the service deployment is ROLLBACK_IN_PROGRESS until it settles.
     */
    static void rollBack(ServiceRecord record, DeploymentRecord failed, ServiceRecord.Completed target,
                         String rolloutReason, String statusReason, Instant now) {
        DeploymentRecord back = record.deployment(target.deploymentId()).orElseGet(() -> {
            // Its tasks are all gone; it comes back under its own id, with its own revision, and starts them again.
            DeploymentRecord again = new DeploymentRecord(target.deploymentId(), record.revisions().get(target.revisionArn()),
                    now, record.desiredCount(), failed.serviceDeploymentArn());
            record.deployments().add(again);
            return again;
        });
        back.serviceDeploymentArn(failed.serviceDeploymentArn());
        back.taskHealthy();
        back.taskRan();
        record.makePrimary(back, now);
        back.rollout(DeploymentRolloutState.IN_PROGRESS, rolloutReason, now);
        record.service(ServiceRevisions.applyTo(record.service(), back.revision()));
        record.events().add(now, ServiceEvents.rollingBack(record.name(), target.deploymentId()));
        record.serviceDeployments().update(failed.serviceDeploymentArn(), d -> d
                .status(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS)
                .statusReason(statusReason)
                .rollback(Rollback.builder().reason(rolloutReason).startedAt(now)
                        .serviceRevisionArn(target.revisionArn()).build())
                .updatedAt(now));
    }
}
