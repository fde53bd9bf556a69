package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;

/**
 * What ECS does while a task is DEACTIVATING before it signals the containers: "for tasks that are
 * part of a service configured to use a load balancer, the target is deregistered from the target
 * group" and the task waits out the deregistration delay
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html).
 * It answers how long that takes from the moment the task was asked to stop; the task goes on to
 * STOPPING only once every such work is done. Asked under the account-region's lock; reads only.
 */
@FunctionalInterface
public interface DeactivationWork {

    Duration duration(AccountRegion region, TaskRun run);
}
