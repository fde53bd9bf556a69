package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.protocol.AwsException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookDetail;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStatus;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * PAUSE lifecycle hooks on the emulator's rolling deployments: a service deployment whose
 * configuration has a PAUSE hook at PRE_SCALE_UP pauses before its new revision starts a task; one
 * at POST_SCALE_UP pauses once the new revision runs its desired count, before the deployment
 * completes. While paused the service deployment shows {@code lifecycleStage} and an
 * AWAITING_ACTION entry in {@code lifecycleHookDetails} with its {@code hookId}, until
 * ContinueServiceDeployment (CONTINUE or ROLLBACK) or the hook's timeout (default 1,440 minutes,
 * then ROLLBACK) (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/pause-lifecycle-hooks.html).
 * The other stages belong to blue/green, linear and canary deployments' traffic shifts, which the
 * emulator does not run, and AWS_LAMBDA hooks need Lambda: both are refused when configured.
 */
final class PauseHooks {
    static final int DEFAULT_TIMEOUT_MINUTES = 1440;
    static final List<DeploymentLifecycleHookStage> MODELLED_STAGES = List.of(DeploymentLifecycleHookStage.PRE_SCALE_UP,
            DeploymentLifecycleHookStage.POST_SCALE_UP);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PauseHooks() {
    }

    /** The checks CreateService and UpdateService give {@code deploymentConfiguration.lifecycleHooks}. */
    static void check(DeploymentConfiguration configuration) {
        for (DeploymentLifecycleHook hook : configuration.lifecycleHooks()) {
            if (hook.targetType() != DeploymentLifecycleHookTargetType.PAUSE) {
                throw EcsErrors.invalidParameter("Lifecycle hooks of type " + (hook.targetType() == null ? "AWS_LAMBDA (the "
                        + "default)" : hook.targetTypeAsString()) + " invoke a Lambda function, which this emulator does not "
                        + "run; use targetType PAUSE and ContinueServiceDeployment instead.");
            }
            if (hook.lifecycleStages().isEmpty()) {
                throw EcsErrors.invalidParameter("A lifecycle hook needs lifecycleStages: the stages at which it pauses.");
            }
            for (DeploymentLifecycleHookStage stage : hook.lifecycleStages()) {
                if (!MODELLED_STAGES.contains(stage)) {
                    throw EcsErrors.invalidParameter("The lifecycle stage " + stage + " belongs to blue/green, linear and "
                            + "canary deployments, which this emulator does not run; a rolling deployment pauses at "
                            + "PRE_SCALE_UP (before its new tasks start) or POST_SCALE_UP (once they run).");
                }
            }
        }
    }

    /** Pauses the service deployment at {@code stage} when a PAUSE hook is configured there; answers whether it did. */
    static boolean pauseAt(ServiceRecord record, String serviceDeploymentArn, DeploymentLifecycleHookStage stage, Instant now) {
        Optional<ServiceDeployment> deployment = record.serviceDeployments().find(serviceDeploymentArn);
        Optional<DeploymentLifecycleHook> hook = deployment.flatMap(d -> hookAt(d.deploymentConfiguration(), stage));
        if (hook.isEmpty() || deployment.get().status() != ServiceDeploymentStatus.IN_PROGRESS
                || ServiceDeploymentLifecycleStage.fromValue(stage.toString()) == deployment.get().lifecycleStage()) {
            return false;
        }
        int minutes = DEFAULT_TIMEOUT_MINUTES;
        DeploymentLifecycleHookAction timeoutAction = DeploymentLifecycleHookAction.ROLLBACK;
        if (hook.get().timeoutConfiguration() != null) {
            if (hook.get().timeoutConfiguration().timeoutInMinutes() != null) {
                minutes = hook.get().timeoutConfiguration().timeoutInMinutes();
            }
            if (hook.get().timeoutConfiguration().action() != null) {
                timeoutAction = hook.get().timeoutConfiguration().action();
            }
        }
        List<DeploymentLifecycleHookDetail> details = new ArrayList<>(deployment.get().lifecycleHookDetails());
        details.add(DeploymentLifecycleHookDetail.builder().hookId(newHookId())
                .targetType(DeploymentLifecycleHookTargetType.PAUSE).status(DeploymentLifecycleHookStatus.AWAITING_ACTION)
                .expiresAt(now.plus(Duration.ofMinutes(minutes))).timeoutAction(timeoutAction).build());
        record.serviceDeployments().update(serviceDeploymentArn, d -> d
                .lifecycleStage(ServiceDeploymentLifecycleStage.fromValue(stage.toString()))
                .lifecycleHookDetails(details).updatedAt(now));
        return true;
    }

    /**
     * Until when the current service deployment waits at a PAUSE hook (the scheduler then starts
     * and stops nothing); a hook whose time is up takes its timeout action first (a ROLLBACK with
     * nothing to roll back to continues instead) and the scheduler looks again at once.
     */
    static Optional<Instant> pausedUntil(ServiceRecord record, Instant now) {
        String current = record.primary().serviceDeploymentArn();
        Optional<DeploymentLifecycleHookDetail> hook = current == null ? Optional.empty() : awaiting(record, current);
        if (hook.isEmpty() || now.isBefore(hook.get().expiresAt())) {
            return hook.map(DeploymentLifecycleHookDetail::expiresAt);
        }
        try {
            act(record, hook.get(), hook.get().timeoutAction(), DeploymentLifecycleHookStatus.TIMED_OUT, now);
        } catch (AwsException nothingToRollBackTo) {
            act(record, hook.get(), DeploymentLifecycleHookAction.CONTINUE, DeploymentLifecycleHookStatus.TIMED_OUT, now);
        }
        return Optional.of(now);
    }

    /** Pauses the PRIMARY deployment at POST_SCALE_UP once, still rolling out, it runs its desired count of healthy tasks. */
    static boolean pauseAfterScaleUp(ServiceRecord record, ServiceTaskStates tasks, Instant now) {
        DeploymentRecord primary = record.primary();
        boolean scaledUp = primary.rolloutState() == DeploymentRolloutState.IN_PROGRESS
                && primary.serviceDeploymentArn() != null
                && tasks.ofDeployment(primary.id()).stream().filter(t -> t.live()
                && t.readiness(now) == RollingUpdate.Readiness.HEALTHY).count() == record.desiredCount();
        return scaledUp && pauseAt(record, primary.serviceDeploymentArn(), DeploymentLifecycleHookStage.POST_SCALE_UP, now);
    }

    /**
     * The hook a service deployment waits for, if it is paused: only one IN_PROGRESS waits (one that
     * StopServiceDeployment rolled back no longer does).
     */
    static Optional<DeploymentLifecycleHookDetail> awaiting(ServiceRecord record, String serviceDeploymentArn) {
        return record.serviceDeployments().find(serviceDeploymentArn).stream()
                .filter(d -> d.status() == ServiceDeploymentStatus.IN_PROGRESS)
                .flatMap(d -> d.lifecycleHookDetails().stream())
                .filter(h -> h.status() == DeploymentLifecycleHookStatus.AWAITING_ACTION).findFirst();
    }

    /**
     * Ends the awaited hook {@code hookId} with {@code status}: after CONTINUE a deployment paused
     * before scaling up goes on to SCALE_UP.
     */
    static void resolve(ServiceRecord record, String serviceDeploymentArn, String hookId, DeploymentLifecycleHookStatus status,
                        boolean continues, Instant now) {
        record.serviceDeployments().update(serviceDeploymentArn, d -> {
            ServiceDeployment current = d.build();
            List<DeploymentLifecycleHookDetail> details = current.lifecycleHookDetails().stream()
                    .map(h -> h.hookId().equals(hookId) ? h.toBuilder().status(status).build() : h).toList();
            d.lifecycleHookDetails(details).updatedAt(now);
            if (continues && current.lifecycleStage() == ServiceDeploymentLifecycleStage.PRE_SCALE_UP) {
                d.lifecycleStage(ServiceDeploymentLifecycleStage.SCALE_UP);
            }
            return d;
        });
    }

    /**
     * Takes {@code action} on the paused hook: CONTINUE lets the deployment go on; ROLLBACK rolls
     * the service back to the revision of its last COMPLETED deployment, as StopServiceDeployment
     * does. The hook ends as {@code status} (SUCCEEDED, FAILED or TIMED_OUT).
     */
    static void act(ServiceRecord record, DeploymentLifecycleHookDetail hook, DeploymentLifecycleHookAction action,
                    DeploymentLifecycleHookStatus status, Instant now) {
        DeploymentRecord primary = record.primary();
        String arn = primary.serviceDeploymentArn();
        if (action == DeploymentLifecycleHookAction.ROLLBACK) {
            ServiceRecord.Completed target = record.lastCompleted().filter(c -> !c.deploymentId().equals(primary.id()))
                    .orElseThrow(() -> EcsErrors.invalidParameter("The service " + record.name() + " has no earlier "
                            + "deployment that completed, so there is no service revision to roll back to. Continue the "
                            + "deployment (action CONTINUE), or update the service to the revision you want."));
            resolve(record, arn, hook.hookId(), status, false, now);
            primary.rollout(DeploymentRolloutState.FAILED,
                    "Rolled back at lifecycle hook " + hook.hookId() + ".", now);
            CircuitBreaker.rollBack(record, primary, target, "Rolled back at a PAUSE lifecycle hook: rolling back to "
                    + "deploymentId " + target.deploymentId() + ".", "The deployment was rolled back at its PAUSE lifecycle "
                    + "hook " + hook.hookId() + " to the last completed deployment " + target.deploymentId() + ".", now);
            return;
        }
        resolve(record, arn, hook.hookId(), status, true, now);
    }

    private static Optional<DeploymentLifecycleHook> hookAt(DeploymentConfiguration configuration,
                                                            DeploymentLifecycleHookStage stage) {
        return configuration == null ? Optional.empty() : configuration.lifecycleHooks().stream()
                .filter(h -> h.targetType() == DeploymentLifecycleHookTargetType.PAUSE && h.lifecycleStages().contains(stage))
                .findFirst();
    }

    /** "ecs-pause-" and 43 URL-safe characters, as the pause hooks page shows them. */
    private static String newHookId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "ecs-pause-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
