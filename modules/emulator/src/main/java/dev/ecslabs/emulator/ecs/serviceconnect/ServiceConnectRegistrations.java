package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.service.discovery.EcsInstanceAttributes;
import dev.ecslabs.emulator.ecs.service.discovery.TaskRegistration;
import dev.ecslabs.emulator.ecs.service.discovery.TaskRegistrationSource;
import dev.ecslabs.emulator.ecs.task.TaskNetworking;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Where Service Connect places a task in Cloud Map: for each of its deployment's Service Connect
 * services, the Cloud Map service of the discovery name (once ECS has created it,
 * {@link ServiceConnectTasks}), with the port the task's proxy takes connections on: the
 * {@code ingressPortOverride}, else the named port mapping's container port. Registering and
 * deregistering is {@code discovery.TaskRegistrations}' work, as for a service registry.
 */
public final class ServiceConnectRegistrations implements TaskRegistrationSource {

    @Override
    public List<TaskRegistration> registrationsOf(AccountRegion region, Task task) {
        Optional<Services.ServiceTask> owner = Services.of(region).serviceOf(task);
        ServiceConnectConfiguration configuration = owner.map(o -> o.revision().serviceConnectConfiguration()).orElse(null);
        if (configuration == null || !Boolean.TRUE.equals(configuration.enabled())) {
            return List.of();
        }
        Optional<ConnectNamespace> namespace = ConnectNamespace.find(region, configuration.namespace());
        if (namespace.isEmpty()) {
            return List.of(); // the namespace was deleted under the service: nothing left to register in
        }
        // The attributes need the task's IP address, which a task asked to stop before it ran never got.
        boolean hasAddress = TaskNetworking.privateIpv4Address(task).isPresent();
        List<TaskRegistration> registrations = new ArrayList<>();
        for (ConnectService service : ConnectService.of(configuration, namespace.get().name())) {
            DiscoveryServices.existing(region, namespace.get().arn(), service.discoveryName()).ifPresent(arn ->
                    registrations.add(new TaskRegistration(arn, hasAddress ? EcsInstanceAttributes.of(region, task,
                            owner.get().serviceName(), proxyPort(region, task, service)) : Map.of())));
        }
        return registrations;
    }

    /** Where a server task's proxy takes connections: ingressPortOverride, else the named port mapping's container port. */
    private static Integer proxyPort(AccountRegion region, Task task, ConnectService service) {
        if (service.ingressPortOverride() != null) {
            return service.ingressPortOverride();
        }
        return ServiceConnectTasks.containerPort(region, task, service.portName()).orElse(null);
    }
}
