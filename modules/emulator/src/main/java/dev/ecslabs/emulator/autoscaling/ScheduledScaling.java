package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.OptionalInt;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTargetAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;

/**
 * Runs scheduled actions at the minutes their schedules name, between their StartTime and EndTime,
 * unless the target's scheduled scaling is suspended: the target's min and max capacity become the
 * action's, and a desired count outside them is brought inside
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scheduled-scaling.html).
 */
final class ScheduledScaling implements EveryMinute.Step {
    private final Scaling scaling;

    ScheduledScaling(Scaling scaling) {
        this.scaling = scaling;
    }

    @Override
    public boolean run(AccountRegion region, Instant minute) {
        ScheduledActions actions = region.existingArea(ScheduledActions.class).orElse(null);
        if (actions == null || actions.isEmpty()) {
            return false;
        }
        for (ScheduledActions.Entry entry : actions.all()) {
            ScheduledAction action = entry.action();
            if (minute.equals(entry.lastRun()) || (action.startTime() != null && minute.isBefore(action.startTime()))
                    || (action.endTime() != null && minute.isAfter(action.endTime()))) {
                continue;
            }
            Instant anchor = action.startTime() != null ? action.startTime() : action.creationTime();
            Instant anchorMinute = Instant.ofEpochSecond(Math.floorDiv(anchor.getEpochSecond(), 60) * 60);
            if (Schedule.parse(action.schedule(), Schedule.zone(action.timezone())).dueAt(minute, anchorMinute)) {
                run(region, action, minute);
                actions.put(new ScheduledActions.Entry(action, minute));
            }
        }
        return true;
    }

    private void run(AccountRegion region, ScheduledAction action, Instant now) {
        ScalableTargets targets = ScalableTargets.of(region);
        ScalableTarget target = targets.find(action.serviceNamespaceAsString(), action.resourceId(),
                action.scalableDimensionAsString()).orElse(null);
        if (target == null || (target.suspendedState() != null && Boolean.TRUE.equals(target.suspendedState().scheduledScalingSuspended()))) {
            return;
        }
        ScalableTargetAction change = action.scalableTargetAction();
        int min = change.minCapacity() != null ? change.minCapacity() : target.minCapacity();
        int max = change.maxCapacity() != null ? change.maxCapacity() : target.maxCapacity();
        String cause = "scheduled action name " + action.scheduledActionName() + " was triggered";
        String setting = "min capacity to " + min + " and max capacity to " + max;
        if (min > max) {
            Scaling.record(region, target, "Setting " + setting, cause, "Failed to set " + setting
                    + ": the minimum would be above the maximum.", ScalingActivityStatusCode.FAILED, now);
            return;
        }
        ScalableTarget updated = target.toBuilder().minCapacity(min).maxCapacity(max).build();
        targets.put(updated);
        Scaling.record(region, updated, "Setting " + setting, cause, "Successfully set " + setting,
                ScalingActivityStatusCode.SUCCESSFUL, now);
        OptionalInt capacity = scaling.capacity(region, updated);
        if (capacity.isPresent() && capacity.getAsInt() < min) {
            scaling.setCapacity(region, updated, min, "minimum capacity was set to " + min);
        } else if (capacity.isPresent() && capacity.getAsInt() > max) {
            scaling.setCapacity(region, updated, max, "maximum capacity was set to " + max);
        }
    }
}
