package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentAlarms;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentRollbackMonitorsStatus;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;

/**
 * A service's deployments from start to end: a new deployment (with its service revision and
 * service deployment) for CreateService and for each UpdateService that changes what runs, and
 * the moment the PRIMARY one settles: COMPLETED once it runs desiredCount healthy tasks and no
 * older deployment has tasks left, then the steady state. The deployment configuration's
 * defaults are ECS's: minimumHealthyPercent 100, maximumPercent 200, circuit breaker off
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html).
 */
final class Deployments {
    static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
    static final int DEFAULT_MAXIMUM_PERCENT = 200;

    private Deployments() {
    }

    /** The configuration as DescribeServices shows it: the request's, with ECS's defaults for what it left out. */
    static DeploymentConfiguration withDefaults(DeploymentConfiguration requested, DeploymentConfiguration current) {
        DeploymentConfiguration base = current != null ? current : DeploymentConfiguration.builder()
                .minimumHealthyPercent(DEFAULT_MINIMUM_HEALTHY_PERCENT)
                .maximumPercent(DEFAULT_MAXIMUM_PERCENT)
                .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(false).rollback(false).build())
                .build();
        if (requested == null) {
            return base;
        }
        DeploymentConfiguration.Builder merged = base.toBuilder();
        if (requested.minimumHealthyPercent() != null) {
            merged.minimumHealthyPercent(requested.minimumHealthyPercent());
        }
        if (requested.maximumPercent() != null) {
            merged.maximumPercent(requested.maximumPercent());
        }
        if (requested.deploymentCircuitBreaker() != null) {
            merged.deploymentCircuitBreaker(requested.deploymentCircuitBreaker());
        }
        if (requested.alarms() != null) {
            merged.alarms(requested.alarms());
        }
        if (requested.strategy() != null) {
            merged.strategy(requested.strategy());
        }
        if (requested.hasLifecycleHooks()) {
            merged.lifecycleHooks(requested.lifecycleHooks());
        }
        return merged.build();
    }

    static int minimumHealthyPercent(Service service) {
        Integer value = service.deploymentConfiguration().minimumHealthyPercent();
        return value == null ? DEFAULT_MINIMUM_HEALTHY_PERCENT : value;
    }

    static int maximumPercent(Service service) {
        Integer value = service.deploymentConfiguration().maximumPercent();
        return value == null ? DEFAULT_MAXIMUM_PERCENT : value;
    }

    /** How long after a task's start the scheduler ignores its failed health checks (0 unless set). */
    static Duration healthCheckGracePeriod(Service service) {
        Integer seconds = service.healthCheckGracePeriodSeconds();
        return Duration.ofSeconds(seconds == null ? 0 : seconds);
    }

    /**
     * Starts a new PRIMARY deployment of what the service's configuration now says (and
     * {@code serviceConnect}, Service Connect's configuration, which is the deployment's): a new
     * service revision and a new service deployment, which replaces one still in progress.
     */
    static DeploymentRecord start(AccountRegion region, ServiceRecord record, String platformVersion,
                                  ServiceConnectConfiguration serviceConnect, ServiceTaskStates tasks, Instant now) {
        String clusterName = record.clusterArn().substring(record.clusterArn().indexOf(":cluster/") + ":cluster/".length());
        String revisionArn = ServiceArns.newServiceRevision(region, clusterName, record.name());
        ServiceRevision revision = ServiceRevisions.of(revisionArn, record.service(), platformVersion, serviceConnect, now);
        String serviceDeploymentArn = ServiceArns.newServiceDeployment(region, clusterName, record.name());
        List<ServiceRevisionSummary> sources = new ArrayList<>();
        for (DeploymentRecord existing : record.deployments()) {
            sources.add(ServiceRevisionSummary.builder().arn(existing.revision().serviceRevisionArn())
                    .requestedTaskCount(existing.desiredCount())
                    .runningTaskCount(tasks.runningCount(existing.id()))
                    .pendingTaskCount(tasks.pendingCount(existing.id())).build());
        }
        String previous = record.service().currentServiceDeployment();
        if (previous != null) {
            record.serviceDeployments().stop(previous, "A newer service deployment replaced this one before it finished.",
                    now);
        }
        DeploymentRecord deployment = new DeploymentRecord(ServiceArns.newDeploymentId(), revision, now,
                record.desiredCount(), serviceDeploymentArn);
        record.revisions().put(revisionArn, revision);
        record.deploymentRevisions().put(deployment.id(), revisionArn);
        record.makePrimary(deployment, now);
        DeploymentConfiguration configuration = record.service().deploymentConfiguration();
        record.serviceDeployments().add(ServiceDeployment.builder()
                .serviceDeploymentArn(serviceDeploymentArn)
                .serviceArn(record.arn())
                .clusterArn(record.clusterArn())
                .createdAt(now)
                .startedAt(now)
                .updatedAt(now)
                .sourceServiceRevisions(sources)
                .targetServiceRevision(ServiceRevisionSummary.builder().arn(revisionArn)
                        .requestedTaskCount(record.desiredCount()).runningTaskCount(0).pendingTaskCount(0).build())
                .status(ServiceDeploymentStatus.IN_PROGRESS)
                .deploymentConfiguration(configuration)
                .deploymentCircuitBreaker(CircuitBreaker.report(configuration, ServiceDeploymentRollbackMonitorsStatus.MONITORING,
                        0, record.desiredCount()))
                .alarms(ServiceDeploymentAlarms.builder().status(ServiceDeploymentRollbackMonitorsStatus.DISABLED).build())
                .build());
        record.service(record.service().toBuilder().currentServiceDeployment(serviceDeploymentArn).build());
        record.steady(false);
        PauseHooks.pauseAt(record, serviceDeploymentArn, DeploymentLifecycleHookStage.PRE_SCALE_UP, now);
        return deployment;
    }

    /**
     * Completes the PRIMARY deployment once it runs desiredCount healthy tasks and is the only
     * deployment left with tasks, and reports the steady state when the service gets there.
     */
    static void settle(ServiceRecord record, ServiceTaskStates tasks, Instant now) {
        DeploymentRecord primary = record.primary();
        int desired = record.desiredCount();
        List<ServiceTaskStates.TaskState> live = tasks.ofDeployment(primary.id()).stream()
                .filter(ServiceTaskStates.TaskState::live).toList();
        long healthy = live.stream().filter(t -> t.readiness(now) == RollingUpdate.Readiness.HEALTHY).count();
        boolean settled = record.deployments().size() == 1 && live.size() == desired && healthy == desired
                && !tasks.anyStopping();
        if (settled && primary.rolloutState() == DeploymentRolloutState.IN_PROGRESS) {
            complete(record, primary, now);
        }
        if (settled && !record.steady()) {
            record.events().add(now, ServiceEvents.steadyState(record.name()));
        }
        record.steady(settled);
    }

    private static void complete(ServiceRecord record, DeploymentRecord primary, Instant now) {
        primary.rollout(DeploymentRolloutState.COMPLETED, DeploymentRecord.completedReason(primary.id()), now);
        record.lastCompleted(new ServiceRecord.Completed(primary.id(), primary.revision().serviceRevisionArn()));
        record.events().add(now, ServiceEvents.deploymentCompleted(record.name(), primary.id()));
        DeploymentConfiguration configuration = record.service().deploymentConfiguration();
        int desired = record.desiredCount();
        boolean rolledBack = record.serviceDeployments().find(primary.serviceDeploymentArn())
                .filter(d -> d.status() == ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS).isPresent();
        if (rolledBack) {
            record.serviceDeployments().update(primary.serviceDeploymentArn(), d -> d
                    .status(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL).finishedAt(now).updatedAt(now)
                    .statusReason("The service was rolled back to deployment "
                            + primary.id() + ", which runs " + desired + " tasks again."));
            return;
        }
        record.serviceDeployments().update(primary.serviceDeploymentArn(), d -> d
                .status(ServiceDeploymentStatus.SUCCESSFUL).finishedAt(now).updatedAt(now)
                .targetServiceRevision(ServiceRevisionSummary.builder().arn(primary.revision().serviceRevisionArn())
                        .requestedTaskCount(desired).runningTaskCount(desired).pendingTaskCount(0).build())
                .deploymentCircuitBreaker(CircuitBreaker.report(configuration,
                        ServiceDeploymentRollbackMonitorsStatus.MONITORING_COMPLETE, primary.failedTasks(), desired)));
    }
}
