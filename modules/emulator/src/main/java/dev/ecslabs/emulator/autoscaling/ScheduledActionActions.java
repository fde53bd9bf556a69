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
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScheduledActionResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScheduledActionResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;

/**
 * PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction
 * (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html):
 * a new min and max capacity for the target at the times a {@link Schedule} names; putting an
 * action of the same name again updates what the call gives.
 */
final class ScheduledActionActions implements ActionGroup {
    private final EveryMinute everyMinute;

    ScheduledActionActions(EveryMinute everyMinute) {
        this.everyMinute = everyMinute;
    }

    @Override
    public void register(OperationTable table) {
        table.add(AwsService.APPLICATION_AUTO_SCALING, "PutScheduledAction", PutScheduledActionRequest::builder,
                this::putScheduledAction);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "DescribeScheduledActions", DescribeScheduledActionsRequest::builder,
                this::describeScheduledActions);
        table.add(AwsService.APPLICATION_AUTO_SCALING, "DeleteScheduledAction", DeleteScheduledActionRequest::builder,
                this::deleteScheduledAction);
    }

    /**
     * The rule the model's ScheduledActionName pattern means (its leading lookahead is one the model
     * validator's linear-time matcher does not take): no leading or trailing space, no control
     * characters, none of {@code : / |}.
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            return; // the model's required and length checks answered already
        }
        boolean forbidden = name.chars().anyMatch(c -> c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c == ':' || c == '/' || c == '|');
        if (forbidden || name.startsWith(" ") || name.endsWith(" ")) {
            throw AutoScalingErrors.validation("1 validation error detected: Value '" + name + "' at 'scheduledActionName' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).+ (a scheduled action's name has "
                    + "no leading or trailing space, no control character and none of : / |)");
        }
    }

    PutScheduledActionResponse putScheduledAction(RequestContext context, PutScheduledActionRequest request) {
        checkName(request.scheduledActionName());
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        AccountRegion region = context.state();
        ScalableTarget target = ScalableTargets.of(region).find(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString()).orElseThrow(() -> ScalableTargetActions.notRegistered(
                request.serviceNamespaceAsString(), request.resourceId(), request.scalableDimensionAsString()));
        String targetKey = ScalableTargets.key(target.serviceNamespaceAsString(), target.resourceId(), target.scalableDimensionAsString());
        ScheduledActions actions = ScheduledActions.of(region);
        ScheduledAction existing = actions.find(targetKey, request.scheduledActionName()).map(ScheduledActions.Entry::action)
                .orElse(null);
        String schedule = request.schedule() != null ? request.schedule() : existing != null ? existing.schedule() : null;
        if (schedule == null) {
            throw AutoScalingErrors.validation("Schedule is required for a new scheduled action: at(...), rate(...) or cron(...).");
        }
        String timezone = request.timezone() != null ? request.timezone() : existing != null ? existing.timezone() : null;
        Schedule.parse(schedule, Schedule.zone(timezone));
        var action = request.scalableTargetAction() != null ? request.scalableTargetAction()
                : existing != null ? existing.scalableTargetAction() : null;
        if (action == null || (action.minCapacity() == null && action.maxCapacity() == null)) {
            throw AutoScalingErrors.validation("A scheduled action sets ScalableTargetAction.MinCapacity, MaxCapacity or both.");
        }
        if (action.minCapacity() != null && action.maxCapacity() != null && action.minCapacity() > action.maxCapacity()) {
            throw AutoScalingErrors.validation("Minimum capacity cannot be greater than maximum capacity in the scheduled action "
                    + request.scheduledActionName() + ".");
        }
        ScheduledAction saved = ScheduledAction.builder().scheduledActionName(request.scheduledActionName())
                .scheduledActionARN(existing != null ? existing.scheduledActionARN() : Arns.of("autoscaling", region.region(),
                        region.accountId(), "scheduledAction:" + UUID.randomUUID() + ":resource/ecs/" + target.resourceId()
                                + ":scheduledActionName/" + request.scheduledActionName()))
                .serviceNamespace(target.serviceNamespace()).resourceId(target.resourceId())
                .scalableDimension(target.scalableDimension()).schedule(schedule).timezone(timezone)
                .startTime(request.startTime() != null ? request.startTime() : existing != null ? existing.startTime() : null)
                .endTime(request.endTime() != null ? request.endTime() : existing != null ? existing.endTime() : null)
                .scalableTargetAction(action)
                .creationTime(existing != null ? existing.creationTime() : context.now()).build();
        actions.put(new ScheduledActions.Entry(saved, (Long) null));
        everyMinute.wake();
        return PutScheduledActionResponse.builder().build();
    }

    DescribeScheduledActionsResponse describeScheduledActions(RequestContext context, DescribeScheduledActionsRequest request) {
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        List<ScheduledAction> matching = ScheduledActions.of(context.state()).all().stream().map(ScheduledActions.Entry::action)
                .filter(a -> request.resourceId() == null || a.resourceId().equals(request.resourceId()))
                .filter(a -> request.scalableDimension() == null || a.scalableDimension() == request.scalableDimension())
                .filter(a -> !request.hasScheduledActionNames() || request.scheduledActionNames().contains(a.scheduledActionName()))
                .toList();
        Pages.Page<ScheduledAction> page = Pages.page(matching, ScheduledActions::keyOf, request.nextToken(), request.maxResults(),
                50, 50, "InvalidNextTokenException");
        return DescribeScheduledActionsResponse.builder().scheduledActions(page.items()).nextToken(page.nextToken()).build();
    }

    DeleteScheduledActionResponse deleteScheduledAction(RequestContext context, DeleteScheduledActionRequest request) {
        EcsServiceResource.checkNamespace(request.serviceNamespaceAsString(), request.scalableDimensionAsString());
        ScheduledActions actions = ScheduledActions.of(context.state());
        String targetKey = ScalableTargets.key(request.serviceNamespaceAsString(), request.resourceId(),
                request.scalableDimensionAsString());
        ScheduledAction action = actions.find(targetKey, request.scheduledActionName()).map(ScheduledActions.Entry::action)
                .orElseThrow(() -> AutoScalingErrors.notFound("No scheduled action found for service namespace: "
                        + request.serviceNamespaceAsString() + ", resource ID: " + request.resourceId() + ", scalable dimension: "
                        + request.scalableDimensionAsString() + ", scheduled action name: " + request.scheduledActionName()));
        actions.remove(action);
        return DeleteScheduledActionResponse.builder().build();
    }
}
