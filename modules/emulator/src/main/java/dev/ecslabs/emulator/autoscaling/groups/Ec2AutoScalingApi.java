package dev.ecslabs.emulator.autoscaling.groups;

import dev.ecslabs.emulator.protocol.OperationTable;
import dev.ecslabs.emulator.state.PersistentAreas;

/**
 * Wires EC2 Auto Scaling: its group actions, the groups' instances on the clock, and the groups'
 * area in persistence. ECS hears of the instances through a {@link GroupInstanceListener}.
 */
public final class Ec2AutoScalingApi {
    private final GroupInstances instances;
    private final AutoScalingGroupActions groups;

    private Ec2AutoScalingApi(GroupInstances instances, AutoScalingGroupActions groups) {
        this.instances = instances;
        this.groups = groups;
    }

    public static Ec2AutoScalingApi register(OperationTable table) {
        GroupInstances instances = new GroupInstances();
        AutoScalingGroupActions groups = new AutoScalingGroupActions(instances);
        groups.register(table);
        return new Ec2AutoScalingApi(instances, groups);
    }

    /** What ECS's capacity providers act on the groups with (desired capacity, scale-in protection). */
    public AutoScalingGroupActions groups() {
        return groups;
    }

    public void addListener(GroupInstanceListener listener) {
        instances.addListener(listener);
    }

    public void persist(PersistentAreas areas) {
        areas.add("autoscaling/groups", AutoScalingGroups.class, AutoScalingGroups::of)
                .resumeWith((region, problems) -> instances.resume(region));
    }
}
