package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.task.TaskStateListener;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What ECS does for each task of a Service Connect service, told by Fargate of every change: when
 * the task starts, its proxy is configured with the endpoints the namespace has then; when it
 * becomes ACTIVATING, the Cloud Map service of each of its discovery names is made sure of, so that
 * {@code discovery.TaskRegistrations} (told after this) registers the task there
 * ({@link ServiceConnectRegistrations}) and holds it ACTIVATING until registered, as AWS creates
 * "the service discovery resources" during ACTIVATING; it deregisters the task once it is asked to
 * stop, so a rollout replaces the endpoints with no change on the client side
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts-deploy.html).
 */
public final class ServiceConnectTasks implements TaskStateListener {

    @Override
    public void taskChanged(TaskStateChange change) {
        AccountRegion region = change.region();
        Task task = change.after();
        Optional<Services.ServiceTask> owner = Services.of(region).serviceOf(task);
        ServiceConnectConfiguration configuration = owner.map(o -> o.revision().serviceConnectConfiguration()).orElse(null);
        if (configuration == null || !Boolean.TRUE.equals(configuration.enabled())) {
            return;
        }
        Optional<ConnectNamespace> namespace = ConnectNamespace.find(region, configuration.namespace());
        ServiceConnectState state = ServiceConnectState.of(region);
        if (change.reached(TaskStatus.STOPPED)) {
            state.forgetTask(task.taskArn());
        }
        if (namespace.isEmpty()) {
            return; // the namespace was deleted under the service: nothing left to register in
        }
        List<ConnectService> services = ConnectService.of(configuration, namespace.get().name());
        if (change.before() == null) {
            state.configure(task.taskArn(), endpointsNow(region, namespace.get()));
        }
        if (change.reached(TaskStatus.ACTIVATING) && !"STOPPED".equals(task.desiredStatus())) {
            for (ConnectService service : services) {
                DiscoveryServices.ensure(region, namespace.get().arn(), service.discoveryName());
            }
        }
    }

    /** Every endpoint of the namespace now: the client aliases of its members' deployments. */
    static List<Endpoint> endpointsNow(AccountRegion region, ConnectNamespace namespace) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (NamespaceMembers.Member member : NamespaceMembers.in(region, namespace.arn())) {
            for (ConnectService service : member.services()) {
                for (ClientAlias alias : service.clientAliases()) {
                    endpoints.putIfAbsent(alias.toString().toLowerCase(java.util.Locale.ROOT),
                            new Endpoint(alias, namespace.arn(), service.discoveryName()));
                }
            }
        }
        return new ArrayList<>(endpoints.values());
    }

    /** The container port of the task's port mapping of that name. */
    static Optional<Integer> containerPort(AccountRegion region, Task task, String portName) {
        return TaskDefinitions.of(region).find(task.taskDefinitionArn()).flatMap(definition -> definition
                .containerDefinitions().stream().flatMap(container -> container.portMappings().stream())
                .filter(mapping -> portName.equals(mapping.name())).map(PortMapping::containerPort).findFirst());
    }
}
