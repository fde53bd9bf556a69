package dev.ecslabs.emulator.ecs.service.discovery;

import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Says where a task belongs in Cloud Map: the service registries of its ECS service, or the
 * Cloud Map services of its Service Connect discovery names.
 * {@link TaskRegistrations} asks it, under the task's account-region lock, how long the task's
 * registration takes, when the task becomes ACTIVATING (the attributes are then used), when its
 * health changes and when it is asked to stop (then only the Cloud Map services are). It must
 * answer the same Cloud Map services for a task all its life, so that a task is deregistered from
 * where it was registered; an empty list means the task is not registered anywhere.
 */
@FunctionalInterface
public interface TaskRegistrationSource {

    List<TaskRegistration> registrationsOf(AccountRegion region, Task task);
}
