package dev.ecslabs.emulator.ecs.task;

import dev.ecslabs.emulator.runtime.ProbeEnvironment;
import dev.ecslabs.emulator.state.AccountRegion;

/**
 * What a task's health checks can reach besides the task itself: the names its account-region's
 * network resolves for it (Service Connect's client aliases). Asked under the account-region's
 * lock, in the step that runs the check; it reads state and changes none.
 */
@FunctionalInterface
public interface TaskReach {

    /** Nothing but the task itself. */
    TaskReach NONE = (region, run) -> (host, port, path) -> false;

    ProbeEnvironment around(AccountRegion region, TaskRun run);
}
