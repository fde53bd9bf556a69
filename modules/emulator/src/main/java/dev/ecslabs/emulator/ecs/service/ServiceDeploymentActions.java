package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.protocol.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContinueServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.ContinueServiceDeploymentResponse;
import software.amazon.awssdk.services.ecs.model.CreatedAt;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookDetail;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStatus;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsResponse;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentResponse;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentRollbackMonitorsStatus;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;

/**
 * A service's history: ListServiceDeployments (newest first, filtered by status and creation
 * time, paged), DescribeServiceDeployments and DescribeServiceRevisions (up to 20 ARNs, MISSING
 * failures for the others). A service deployment still in progress shows its tasks as they are now
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html).
 */
public final class ServiceDeploymentActions implements ActionGroup {
    static final int DEFAULT_LIST_RESULTS = 20;
    static final int MAX_LIST_RESULTS = 100;
    static final int MAX_DESCRIBE = 20;

    private final ServiceScheduler scheduler;

    public ServiceDeploymentActions(ServiceScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.ECS, "ListServiceDeployments", ListServiceDeploymentsRequest::builder, this::listServiceDeployments)
                .add(AwsService.ECS, "DescribeServiceDeployments", DescribeServiceDeploymentsRequest::builder, this::describeServiceDeployments)
                .add(AwsService.ECS, "DescribeServiceRevisions", DescribeServiceRevisionsRequest::builder, this::describeServiceRevisions)
                .add(AwsService.ECS, "StopServiceDeployment", StopServiceDeploymentRequest::builder, this::stopServiceDeployment)
                .add(AwsService.ECS, "ContinueServiceDeployment", ContinueServiceDeploymentRequest::builder,
                        this::continueServiceDeployment)
                .servedWithin(AwsService.ECS, "ContinueServiceDeployment", "PAUSE lifecycle hooks on rolling "
                        + "deployments, at PRE_SCALE_UP (before the new revision starts a task) and POST_SCALE_UP (once it "
                        + "runs its desired count, before the deployment completes), with their timeout and timeout action; "
                        + "AWS_LAMBDA hooks and the other stages (blue/green, linear and canary traffic shifts, which the "
                        + "emulator does not run) are refused by CreateService and UpdateService.");
    }

    ListServiceDeploymentsResponse listServiceDeployments(RequestContext context, ListServiceDeploymentsRequest request) {
        AccountRegion region = context.state();
        Cluster cluster = Clusters.of(region).find(request.cluster()).orElseThrow(EcsErrors::clusterNotFound);
        ServiceRecord record = ServiceActions.find(region, cluster, request.service())
                .orElseThrow(() -> ServiceErrors.serviceNotFound());
        List<ServiceDeployment> newestFirst = record.serviceDeployments().newestFirst();
        List<Keyed> matching = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            ServiceDeployment deployment = newestFirst.get(i);
            if (matches(deployment, request)) {
                // The key counts down from the oldest, so pages stay put when a newer deployment starts in between.
                matching.add(new Keyed(String.format("%010d", i - newestFirst.size() + 1_000_000_000), deployment));
            }
        }
        Pages.Page<Keyed> page = Pages.page(matching, Keyed::key, request.nextToken(), request.maxResults(),
                DEFAULT_LIST_RESULTS, MAX_LIST_RESULTS, "InvalidParameterException");
        List<ServiceDeploymentBrief> briefs = page.items().stream().map(keyed -> brief(keyed.deployment())).toList();
        return ListServiceDeploymentsResponse.builder().serviceDeployments(briefs).nextToken(page.nextToken()).build();
    }

    DescribeServiceDeploymentsResponse describeServiceDeployments(RequestContext context,
                                                                  DescribeServiceDeploymentsRequest request) {
        AccountRegion region = context.state();
        checkCount(request.serviceDeploymentArns().size(), "DescribeServiceDeployments", "service deployment");
        List<ServiceDeployment> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : request.serviceDeploymentArns()) {
            Optional<ServiceRecord> owner = owner(region, arn, "service-deployment");
            owner.flatMap(record -> record.serviceDeployments().find(arn).map(d -> live(region, record, d)))
                    .ifPresentOrElse(found::add, () -> failures.add(missing(arn)));
        }
        return DescribeServiceDeploymentsResponse.builder().serviceDeployments(found).failures(failures).build();
    }

    DescribeServiceRevisionsResponse describeServiceRevisions(RequestContext context, DescribeServiceRevisionsRequest request) {
        AccountRegion region = context.state();
        checkCount(request.serviceRevisionArns().size(), "DescribeServiceRevisions", "service revision");
        List<ServiceRevision> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : request.serviceRevisionArns()) {
            owner(region, arn, "service-revision").flatMap(record -> Optional.ofNullable(record.revisions().get(arn)))
                    .ifPresentOrElse(found::add, () -> failures.add(missing(arn)));
        }
        return DescribeServiceRevisionsResponse.builder().serviceRevisions(found).failures(failures).build();
    }

    /**
     * Stops a service deployment that is rolling out by rolling the service back to the revision
     * of its last COMPLETED deployment, as stop type ROLLBACK does (the only one, and the default)
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopServiceDeployment.html,
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stop-service-deployment.html).
     */
    StopServiceDeploymentResponse stopServiceDeployment(RequestContext context, StopServiceDeploymentRequest request) {
        AccountRegion region = context.state();
        String arn = request.serviceDeploymentArn();
        ServiceRecord record = ownerOfDeployment(region, arn);
        if (request.stopType() != null && request.stopType() != StopServiceDeploymentStopType.ROLLBACK) {
            throw EcsErrors.invalidParameter("stopType must be ROLLBACK, not " + request.stopTypeAsString() + ".");
        }
        ServiceDeployment deployment = record.serviceDeployments().find(arn).orElseThrow();
        DeploymentRecord primary = record.primary();
        if (deployment.status() != ServiceDeploymentStatus.IN_PROGRESS && deployment.status() != ServiceDeploymentStatus.PENDING
                || !arn.equals(primary.serviceDeploymentArn())) {
            throw new AwsException("ConflictException", "The service deployment " + arn + " is "
                    + deployment.statusAsString() + ": only a deployment that is IN_PROGRESS can be stopped.");
        }
        ServiceRecord.Completed target = record.lastCompleted().filter(c -> !c.deploymentId().equals(primary.id()))
                .orElseThrow(() -> new AwsException("ConflictException", "The service " + record.name()
                        + " has no earlier deployment that completed, so there is no service revision to roll back to. "
                        + "Update the service to the revision you want instead."));
        Instant now = context.now();
        primary.rollout(DeploymentRolloutState.FAILED, "Stopped by StopServiceDeployment.", now);
        CircuitBreaker.rollBack(record, primary, target, "Stopped by StopServiceDeployment: rolling back to deploymentId "
                + target.deploymentId() + ".", "The deployment was stopped (StopServiceDeployment, stop type ROLLBACK) "
                + "and rolls the service back to the last completed deployment " + target.deploymentId() + ".", now);
        scheduler.reconcileSoon(region, record);
        return StopServiceDeploymentResponse.builder().serviceDeploymentArn(arn).build();
    }

    /**
     * Continues (CONTINUE, the default) or rolls back (ROLLBACK) a service deployment paused at a
     * PAUSE lifecycle hook: the hook must be AWAITING_ACTION and the deployment IN_PROGRESS
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/continue-service-deployment.html).
     */
    ContinueServiceDeploymentResponse continueServiceDeployment(RequestContext context,
                                                                ContinueServiceDeploymentRequest request) {
        AccountRegion region = context.state();
        String arn = request.serviceDeploymentArn();
        ServiceRecord record = ownerOfDeployment(region, arn);
        ServiceDeployment deployment = record.serviceDeployments().find(arn).orElseThrow();
        DeploymentLifecycleHookDetail hook = PauseHooks.awaiting(record, arn)
                .filter(h -> h.hookId().equals(request.hookId()))
                .orElseThrow(() -> EcsErrors.invalidParameter("The service deployment " + arn + " has no lifecycle hook "
                        + request.hookId() + " in AWAITING_ACTION status. DescribeServiceDeployments shows the paused "
                        + "hook's hookId in lifecycleHookDetails."));
        if (deployment.status() != ServiceDeploymentStatus.IN_PROGRESS || !arn.equals(record.primary().serviceDeploymentArn())) {
            throw EcsErrors.invalidParameter("The service deployment " + arn + " is " + deployment.statusAsString()
                    + ": only a deployment that is IN_PROGRESS can be continued or rolled back.");
        }
        DeploymentLifecycleHookAction action = request.action() == null ? DeploymentLifecycleHookAction.CONTINUE
                : request.action();
        PauseHooks.act(record, hook, action, action == DeploymentLifecycleHookAction.CONTINUE
                ? DeploymentLifecycleHookStatus.SUCCEEDED : DeploymentLifecycleHookStatus.FAILED, context.now());
        scheduler.reconcileSoon(region, record);
        return ContinueServiceDeploymentResponse.builder().serviceDeploymentArn(arn).build();
    }

    /** A service deployment entry and its paging key. */
    private record Keyed(String key, ServiceDeployment deployment) {
    }

    private static boolean matches(ServiceDeployment deployment, ListServiceDeploymentsRequest request) {
        if (request.hasStatus() && !request.status().isEmpty() && !request.status().contains(deployment.status())) {
            return false;
        }
        CreatedAt createdAt = request.createdAt();
        if (createdAt != null && createdAt.before() != null && !deployment.createdAt().isBefore(createdAt.before())) {
            return false;
        }
        return createdAt == null || createdAt.after() == null || deployment.createdAt().isAfter(createdAt.after());
    }

    private static ServiceDeploymentBrief brief(ServiceDeployment deployment) {
        return ServiceDeploymentBrief.builder()
                .serviceDeploymentArn(deployment.serviceDeploymentArn())
                .serviceArn(deployment.serviceArn())
                .clusterArn(deployment.clusterArn())
                .createdAt(deployment.createdAt())
                .startedAt(deployment.startedAt())
                .finishedAt(deployment.finishedAt())
                .targetServiceRevisionArn(deployment.targetServiceRevision().arn())
                .status(deployment.status())
                .statusReason(deployment.statusReason())
                .build();
    }

    /** A service deployment still rolling out, with its target revision's tasks and the breaker's count as they are now. */
    private static ServiceDeployment live(AccountRegion region, ServiceRecord record, ServiceDeployment deployment) {
        if (!ServiceDeploymentHistory.inProgress(deployment)) {
            return deployment;
        }
        ServiceTaskStates tasks = ServiceTaskStates.of(region, record);
        String target = deployment.targetServiceRevision().arn();
        ServiceDeployment.Builder live = deployment.toBuilder();
        record.deployments().stream().filter(d -> d.revision().serviceRevisionArn().equals(target)).findFirst()
                .ifPresent(d -> live.targetServiceRevision(ServiceRevisionSummary.builder().arn(target)
                        .requestedTaskCount(d.desiredCount()).runningTaskCount(tasks.runningCount(d.id()))
                        .pendingTaskCount(tasks.pendingCount(d.id())).build()));
        DeploymentRecord primary = record.primary();
        if (deployment.serviceDeploymentArn().equals(primary.serviceDeploymentArn())
                && deployment.deploymentCircuitBreaker().status() == ServiceDeploymentRollbackMonitorsStatus.MONITORING) {
            live.deploymentCircuitBreaker(CircuitBreaker.report(deployment.deploymentConfiguration(),
                    ServiceDeploymentRollbackMonitorsStatus.MONITORING, primary.failedTasks(), record.desiredCount()));
        }
        return live.build();
    }

    /** The service a service deployment ARN belongs to: ServiceDeploymentNotFoundException for any other. */
    private static ServiceRecord ownerOfDeployment(AccountRegion region, String arn) {
        return owner(region, arn, "service-deployment").filter(r -> r.serviceDeployments().find(arn).isPresent())
                .orElseThrow(() -> new AwsException("ServiceDeploymentNotFoundException", "The service deployment "
                        + arn + " does not exist. ListServiceDeployments shows a service's deployments and their ARNs."));
    }

    /** The service that an ARN of a service deployment or service revision belongs to. */
    private static Optional<ServiceRecord> owner(AccountRegion region, String arn, String resourceType) {
        return ServiceArns.ownerOf(region, arn, resourceType)
                .flatMap(name -> Clusters.of(region).find(name.clusterName())
                        .flatMap(cluster -> Services.of(region).find(cluster.clusterArn(), name.serviceName())));
    }

    private static void checkCount(int count, String action, String what) {
        if (count < 1 || count > MAX_DESCRIBE) {
            throw EcsErrors.invalidParameter(action + " takes 1 to " + MAX_DESCRIBE + " " + what + " ARNs per call, not "
                    + count + ".");
        }
    }

    private static Failure missing(String arn) {
        return Failure.builder().arn(arn).reason("MISSING").build();
    }
}
