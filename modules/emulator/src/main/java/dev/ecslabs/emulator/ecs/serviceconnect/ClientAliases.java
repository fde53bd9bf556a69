package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.ecs.task.Tasks;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What each client alias resolves to for each ECS service in Service Connect, for the dashboard
 * and for people: the endpoints its newest running task was configured with (or, before it runs
 * one, those of the namespace now), and for each the {@code ip:port} of the tasks that would take
 * a connection. Reads only; call it under the account-region's lock.
 */
public final class ClientAliases {

    /** One alias as a service's tasks see it. */
    public record Resolution(String alias, String discoveryName, List<String> endpoints) {
    }

    /** One ECS service in Service Connect and what its aliases resolve to. */
    public record ServiceAliases(String serviceArn, String serviceName, String clusterArn, String namespace,
                                 List<Resolution> aliases) {
    }

    private ClientAliases() {
    }

    /** Every ACTIVE service in Service Connect in the account-region, by ARN. */
    public static List<ServiceAliases> of(AccountRegion region) {
        List<ServiceAliases> all = new ArrayList<>();
        for (NamespaceMembers.Member member : NamespaceMembers.of(region)) {
            if (!member.primary() || !member.active()) {
                continue;
            }
            List<Endpoint> endpoints = newestTask(region, member)
                    .flatMap(task -> ServiceConnectState.of(region).endpointsOf(task.taskArn()))
                    .orElseGet(() -> ServiceConnectTasks.endpointsNow(region, member.namespace()));
            List<Resolution> aliases = endpoints.stream().map(endpoint -> new Resolution(endpoint.alias().toString(),
                    endpoint.discoveryName(), EndpointResolution.answering(region, endpoint))).toList();
            all.add(new ServiceAliases(member.serviceArn(), member.serviceName(), member.clusterArn(),
                    member.namespace().name(), aliases));
        }
        all.sort(Comparator.comparing(ServiceAliases::serviceArn));
        return all;
    }

    private static Optional<TaskRun> newestTask(AccountRegion region, NamespaceMembers.Member member) {
        return Tasks.of(region).inCluster(member.clusterArn()).stream()
                .filter(run -> ("service:" + member.serviceName()).equals(run.task().group()))
                .filter(run -> run.status() == TaskStatus.RUNNING)
                .max(Comparator.comparing(run -> run.task().createdAt()));
    }
}
