package dev.ecslabs.emulator.ecs.service.discovery;

import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS service discovery: a task of a service is registered in the Cloud Map service its
 * deployment's {@code serviceRegistries} name, with {@link EcsInstanceAttributes} and the
 * registry's port. The registries come from the revision the task's own deployment runs, so
 * during a rolling deployment old and new tasks are each registered (and deregistered) where
 * their deployment says ("New tasks are registered and deregistered to the updated service
 * registry configuration", ServiceRegistry in the ECS API reference).
 */
public final class ServiceRegistries implements TaskRegistrationSource {

    @Override
    public List<TaskRegistration> registrationsOf(AccountRegion region, Task task) {
        return Services.of(region).serviceOf(task)
                .map(service -> service.revision().serviceRegistries().stream()
                        .map(registry -> registration(region, task, service.serviceName(), registry))
                        .toList())
                .orElse(List.of());
    }

    private static TaskRegistration registration(AccountRegion region, Task task, String serviceName,
                                                 ServiceRegistry registry) {
        // The attributes need the task's IP address, which a task asked to stop before it ran never got.
        boolean hasAddress = TaskNetworking.privateIpv4Address(task).isPresent();
        return new TaskRegistration(registry.registryArn(), hasAddress
                ? EcsInstanceAttributes.of(region, task, serviceName, ServiceRegistryRules.portOf(registry))
                : Map.of());
    }
}
