package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;

/**
 * What ECS does while a task is ACTIVATING besides Fargate's own steps: "for tasks that have
 * service discovery configured, the service discovery resources must be created"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html).
 * It answers how long that work takes for the task, from the moment it became ACTIVATING; the
 * task is RUNNING only once every such work is done. Asked under the account-region's lock; reads only.
 */
@FunctionalInterface
public interface ActivationWork {

    Duration duration(AccountRegion region, TaskRun run);
}
