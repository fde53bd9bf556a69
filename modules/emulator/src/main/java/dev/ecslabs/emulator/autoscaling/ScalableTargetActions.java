package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.protocol.ActionGroup;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.protocol.AwsService;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.protocol.Pages;
import dev.ecslabs.emulator.protocol.RequestContext;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;

/**
 * RegisterScalableTarget, DescribeScalableTargets, DeregisterScalableTarget
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html):
 * an ECS service's desired count between a minimum and a maximum; registering again updates only
 * what the call gives; deregistering deletes the target's policies (and their alarms) and scheduled actions.
 */
final class ScalableTargetActions implements ActionGroup {
    /** The role Application Auto Scaling uses for ECS when none is given: its service-linked role. */
    static final String SERVICE_LINKED_ROLE = "role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
            + "AWSServiceRoleForApplicationAutoScaling_ECSService";

    private final Scaling scaling;
    private final ScalingPolicyActions policies;
    private final EveryMinute everyMinute;

    ScalableTargetActions(Scaling scaling, ScalingPolicyActions policies, EveryMinute everyMinute) {
        this.scaling = scaling;
        this.policies = policies;
        this.everyMinute = everyMinute;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.APPLICATION_AUTO_SCALING, "RegisterScalableTarget", RegisterScalableTargetRequest::builder,
                this::registerScalableTarget);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "DescribeScalableTargets", DescribeScalableTargetsRequest::builder,
                this::describeScalableTargets);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "DeregisterScalableTarget", DeregisterScalableTargetRequest::builder,
                this::deregisterScalableTarget);
    }

    RegisterScalableTargetResponse registerScalableTarget(RequestContext context, RegisterScalableTargetRequest request) {
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        EcsServiceResource.parse(request.resourceId());
        AccountRegion region = context.state();
        if (!scaling.exists(region, request.resourceId())) {
            throw AutoScalingErrors.validation("ECS service doesn't exist: " + request.resourceId() + ". Create the service "
                    + "first; the resource ID is service/<cluster name>/<service name>.");
        }
        ScalableTargets targets = ScalableTargets.of(region);
        ScalableTarget existing = targets.find(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString()).orElse(null);
        if (existing == null && (request.minCapacity() == null || request.maxCapacity() == null)) {
            throw AutoScalingErrors.validation("MinCapacity and MaxCapacity are required to register a new scalable target ("
                    + request.resourceId() + "); later calls may change either alone.");
        }
        int min = request.minCapacity() != null ? request.minCapacity() : existing.minCapacity();
        int max = request.maxCapacity() != null ? request.maxCapacity() : existing.maxCapacity();
        if (min > max) {
            throw AutoScalingErrors.validation("Minimum capacity cannot be greater than maximum capacity: MinCapacity " + min
                    + ", MaxCapacity " + max + ".");
        }
        ScalableTarget target = ScalableTarget.builder().serviceNamespace(request.serviceNamespace())
                .resourceId(request.resourceId()).scalableDimension(request.scalableDimension())
                .minCapacity(min).maxCapacity(max)
                .roleARN(request.roleARN() != null ? request.roleARN() : existing != null ? existing.roleARN()
                        : "arn:aws:iam::" + region.accountId() + ":" + SERVICE_LINKED_ROLE)
                .creationTime(existing != null ? existing.creationTime() : context.now())
                .suspendedState(suspended(request.suspendedState(), existing))
                .scalableTargetARN(existing != null ? existing.scalableTargetARN() : Arns.of("application-autoscaling",
                        region.region(), region.accountId(), "scalable-target/" + UUID.randomUUID().toString().replace("-", "")))
                .build();
        targets.put(target);
        if (request.hasTags() && !request.tags().isEmpty()) {
            ScalableTargetTags tags = ScalableTargetTags.of(region);
            java.util.Map<String, String> merged = tags.of(target.scalableTargetARN());
            merged.putAll(request.tags());
            tags.set(target.scalableTargetARN(), merged);
        }
        everyMinute.wake();
        return RegisterScalableTargetResponse.builder().scalableTargetARN(target.scalableTargetARN()).build();
    }

    private static SuspendedState suspended(SuspendedState given, ScalableTarget existing) {
        SuspendedState before = existing != null && existing.suspendedState() != null ? existing.suspendedState()
                : SuspendedState.builder().dynamicScalingInSuspended(false).dynamicScalingOutSuspended(false)
                        .scheduledScalingSuspended(false).build();
        if (given == null) {
            return before;
        }
        return SuspendedState.builder()
                .dynamicScalingInSuspended(given.dynamicScalingInSuspended() != null ? given.dynamicScalingInSuspended()
                        : before.dynamicScalingInSuspended())
                .dynamicScalingOutSuspended(given.dynamicScalingOutSuspended() != null ? given.dynamicScalingOutSuspended()
                        : before.dynamicScalingOutSuspended())
                .scheduledScalingSuspended(given.scheduledScalingSuspended() != null ? given.scheduledScalingSuspended()
                        : before.scheduledScalingSuspended()).build();
    }

    DescribeScalableTargetsResponse describeScalableTargets(RequestContext context, DescribeScalableTargetsRequest request) {
        List<ScalableTarget> matching = ScalableTargets.of(context.state()).all().stream()
                .filter(t -> t.serviceNamespaceAsString().equals(request.serviceNamespaceAsString()))
                .filter(t -> !request.hasResourceIds() || request.resourceIds().contains(t.resourceId()))
                .filter(t -> request.scalableDimension() == null || t.scalableDimension() == request.scalableDimension())
                .toList();
        Pages.Page<ScalableTarget> page = Pages.page(matching, t -> t.resourceId() + "|" + t.scalableDimensionAsString(),
                request.nextToken(), request.maxResults(), 50, 50, "InvalidNextTokenException");
        return DescribeScalableTargetsResponse.builder().scalableTargets(page.items()).nextToken(page.nextToken()).build();
    }

    DeregisterScalableTargetResponse deregisterScalableTarget(RequestContext context, DeregisterScalableTargetRequest request) {
        AccountRegion region = context.state();
        ScalableTargets targets = ScalableTargets.of(region);
        ScalableTarget target = targets.find(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString()).orElseThrow(() -> notRegistered(request.serviceNamespaceAsString(),
                request.resourceId(), request.scalableDimensionAsString()));
        policies.deleteAllOf(region, target);
        ScheduledActions scheduled = ScheduledActions.of(region);
        String key = ScalableTargets.key(target.serviceNamespaceAsString(), target.resourceId(), target.scalableDimensionAsString());
        scheduled.all().stream().filter(e -> ScheduledActions.keyOf(e.action()).startsWith(key + "|"))
                .forEach(e -> scheduled.remove(e.action()));
        targets.remove(target);
        ScalableTargetTags.of(region).set(target.scalableTargetARN(), java.util.Map.of());
        return DeregisterScalableTargetResponse.builder().build();
    }

    /** AWS's words for a call about a target nobody registered. */
    static RuntimeException notRegistered(String namespace, String resourceId, String dimension) {
        return AutoScalingErrors.notFound("No scalable target registered for service namespace: " + namespace
                + ", resource ID: " + resourceId + ", scalable dimension: " + dimension);
    }
}
