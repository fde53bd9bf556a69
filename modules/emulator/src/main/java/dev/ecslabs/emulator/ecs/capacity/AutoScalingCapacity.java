package dev.ecslabs.emulator.ecs.capacity;

import dev.ecslabs.emulator.autoscaling.groups.Ec2AutoScalingApi;
import dev.ecslabs.emulator.clock.EveryMinute;
import dev.ecslabs.emulator.ecs.service.ServiceScheduler;
import dev.ecslabs.emulator.ecs.task.Fargate;
import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/**
 * Wires ECS's Auto Scaling group capacity providers: their actions, the container agent of the
 * groups' instances (which registers them with a cluster; the service scheduler then places
 * waiting tasks on them), and managed scaling on CloudWatch's minute.
 */
public final class AutoScalingCapacity {
    private AutoScalingCapacity() {
    }

    public static void register(OperationTable table, Fargate fargate, ServiceScheduler scheduler, Ec2AutoScalingApi autoScaling,
                                EveryMinute everyMinute) {
        CapacityWaits waits = new CapacityWaits(fargate);
        // Instances that join place the tasks waiting for them first, then the services look again.
        ProviderInstances agents = new ProviderInstances(fargate, region -> {
            waits.placeWaiting(region);
            scheduler.resume(region);
        });
        autoScaling.addListener(agents);
        new AutoScalingProviderActions(everyMinute).register(table);
        everyMinute.add(new ManagedScaling(autoScaling.groups(), agents, waits));
    }

    public static void persist(PersistentAreas areas, EveryMinute everyMinute) {
        areas.add("ecs/capacityProviders", AutoScalingCapacityProviders.class, AutoScalingCapacityProviders::of)
                .resumeWith((region, problems) -> everyMinute.wake());
    }
}
