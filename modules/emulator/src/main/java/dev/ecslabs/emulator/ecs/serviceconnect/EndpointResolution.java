package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.servicediscovery.model.Instance;

/**
 * Where an endpoint takes a client's connection: to the instances registered in its discovery
 * name's Cloud Map service whose tasks answer, that is RUNNING, with their own proxy running and
 * a container listening on the named port. A client proxy balances over those; with none, the
 * connection fails. Reads only.
 */
final class EndpointResolution {
    private EndpointResolution() {
    }

    /** The {@code ip:port} of each instance that would take a connection to the endpoint now. */
    static List<String> answering(AccountRegion region, Endpoint endpoint) {
        Optional<String> discoveryArn = DiscoveryServices.existing(region, endpoint.namespaceArn(), endpoint.discoveryName());
        if (discoveryArn.isEmpty()) {
            return List.of();
        }
        List<String> answering = new ArrayList<>();
        for (Instance instance : CloudMap.of(region).instances(discoveryArn.get())) {
            Optional<TaskRun> task = Tasks.of(region).find(instance.id());
            if (task.isPresent() && answers(region, task.get(), endpoint)) {
                answering.add(instance.attributes().get("AWS_INSTANCE_IPV4") + ":"
                        + instance.attributes().getOrDefault("AWS_INSTANCE_PORT", "?"));
            }
        }
        return answering;
    }

    private static boolean answers(AccountRegion region, TaskRun run, Endpoint endpoint) {
        if (run.status() != TaskStatus.RUNNING || !ServiceConnectProxy.running(run.task())) {
            return false;
        }
        Optional<String> portName = Services.of(region).serviceOf(run.task())
                .map(owner -> owner.revision().serviceConnectConfiguration())
                .flatMap(configuration -> ConnectService.of(configuration, "").stream()
                        .filter(service -> service.discoveryName().equals(endpoint.discoveryName()))
                        .map(ConnectService::portName).findFirst());
        return portName.flatMap(name -> ServiceConnectTasks.containerPort(region, run.task(), name))
                .map(run::listensOn).orElse(false);
    }
}
