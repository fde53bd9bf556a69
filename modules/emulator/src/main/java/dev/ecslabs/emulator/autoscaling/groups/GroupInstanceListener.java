package dev.ecslabs.emulator.autoscaling.groups;

import dev.ecslabs.emulator.state.AccountRegion;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/**
 * Hears of a group's instances as they go InService (their container agent registers them with
 * an ECS cluster), as they start terminating (ECS may drain them first) and once they are gone
 * (their container instance goes with them). Called under the account-region's lock.
 */
public interface GroupInstanceListener {
    void inService(AccountRegion region, AutoScalingGroupRecord group, Instance instance, String subnetId);

    void terminating(AccountRegion region, AutoScalingGroupRecord group, Instance instance);

    void terminated(AccountRegion region, AutoScalingGroupRecord group, Instance instance);
}
