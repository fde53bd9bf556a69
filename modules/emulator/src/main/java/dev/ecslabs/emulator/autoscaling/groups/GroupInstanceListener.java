package dev.ecslabs.emulator.autoscaling.groups;

import dev.ecslabs.emulator.state.AccountRegion;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/**
 * Hears of a group's instances as they go InService (their container agent registers them with
 * an ECS cluster) and as they start terminating (their container instance goes away with them).
 * Called under the account-region's lock.
 */
public interface GroupInstanceListener {
    void inService(AccountRegion region, AutoScalingGroupRecord group, Instance instance, String subnetId);

    void terminating(AccountRegion region, AutoScalingGroupRecord group, Instance instance);
}
