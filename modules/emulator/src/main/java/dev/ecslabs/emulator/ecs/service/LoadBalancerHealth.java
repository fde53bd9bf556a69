package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What a service's load balancers say of a task: the ARN of a target group in which the task's
 * target is unhealthy, if any. A service replaces such a task once its health check grace period is
 * over, as it does a task failing its container health checks. Asked under the account-region's lock.
 */
@FunctionalInterface
public interface LoadBalancerHealth {
    LoadBalancerHealth NONE = (region, task) -> Optional.empty();

    Optional<String> failingTargetGroup(AccountRegion region, Task task);
}
