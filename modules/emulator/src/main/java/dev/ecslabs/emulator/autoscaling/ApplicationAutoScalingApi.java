package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.cloudwatch.alarms.AlarmActions;
import dev.ecslabs.emulator.cloudwatch.alarms.AlarmEvaluation;
import dev.ecslabs.emulator.ecs.service.ServiceScheduler;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/**
 * Wires Application Auto Scaling: its actions, its areas, the alarm actions that invoke its
 * policies, and the scheduled actions on CloudWatch's minute. It scales ECS services through the
 * service {@code scheduler}.
 */
public final class ApplicationAutoScalingApi {
    private ApplicationAutoScalingApi() {
    }

    public static void register(OperationTable table, ServiceScheduler scheduler, AlarmActions alarms,
                                AlarmEvaluation evaluation, EveryMinute everyMinute) {
        Scaling scaling = new Scaling(scheduler);
        ScalingPolicyActions policies = new ScalingPolicyActions(alarms);
        new ScalableTargetActions(scaling, policies, everyMinute).register(table);
        policies.register(table);
        new ScheduledActionActions(everyMinute).register(table);
        new ScalingActivityActions().register(table);
        new ScalableTargetTagActions().register(table);
        evaluation.addTarget(new PolicyInvocation(scaling));
        everyMinute.add(new ScheduledScaling(scaling));
    }

    public static void persist(PersistentAreas areas, EveryMinute everyMinute) {
        areas.add("autoscaling/scalableTargets", ScalableTargets.class, ScalableTargets::of)
                .add("autoscaling/scalingPolicies", ScalingPolicies.class, ScalingPolicies::of)
                .add("autoscaling/scheduledActions", ScheduledActions.class, ScheduledActions::of)
                .add("autoscaling/scalingActivities", ScalingActivities.class, ScalingActivities::of)
                .add("autoscaling/tags", ScalableTargetTags.class, ScalableTargetTags::of)
                .resumeWith((region, problems) -> everyMinute.wake());
    }
}
