package dev.ecslabs.emulator.ecs.service;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What a service's load balancers say of a task: whether it has targets at all, whether each of
 * them is healthy, and the ARN of a target group in which it is unhealthy. A service replaces a
 * task whose target is unhealthy once its health check grace period is over, and counts a task
 * behind a load balancer as healthy only once its targets are ("If a task has no essential
 * containers with a health check defined, the service scheduler will wait for the load balancer
 * target group health check to return a healthy status before counting the task towards the
 * minimum healthy percent total",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 * Asked under the account-region's lock.
 */
public interface LoadBalancerHealth {
    /** No load balancers: every task is healthy as far as they are concerned. */
    LoadBalancerHealth NONE = new LoadBalancerHealth() {
        @Override
        public Optional<String> failingTargetGroup(AccountRegion region, Task task) {
            return Optional.empty();
        }

        @Override
        public boolean healthyInEveryTargetGroup(AccountRegion region, Task task) {
            return true;
        }
    };

    /** The first target group in which the task's target is unhealthy, if any. */
    Optional<String> failingTargetGroup(AccountRegion region, Task task);

    /**
     * Whether the task's target is healthy in each target group of its service (true for a task
     * of a service without load balancers); a target still {@code initial} is not healthy yet.
     */
    boolean healthyInEveryTargetGroup(AccountRegion region, Task task);
}
