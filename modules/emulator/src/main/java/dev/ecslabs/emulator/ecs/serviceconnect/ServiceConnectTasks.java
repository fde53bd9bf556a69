package dev.ecslabs.emulator.ecs.serviceconnect;

import dev.ecslabs.emulator.cloudmap.CloudMap;
import dev.ecslabs.emulator.ecs.service.Services;
import dev.ecslabs.emulator.ecs.task.ActivationWork;
import dev.ecslabs.emulator.ecs.task.TaskRun;
import dev.ecslabs.emulator.ecs.task.TaskStateListener;
import dev.ecslabs.emulator.ecs.task.TaskStatus;
import dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitions;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
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
 * becomes ACTIVATING, it is registered in the Cloud Map service of each of its discovery names
 * (with the port its proxy listens on: the ingress port override, else the container port), and it
 * is RUNNING only once that registration has succeeded, as AWS creates "the service discovery
 * resources" during ACTIVATING; once it is asked to stop, it is deregistered, so a rollout
 * replaces the endpoints with no change on the client side
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts-deploy.html).
 */
public final class ServiceConnectTasks implements TaskStateListener, ActivationWork {
    /** Service Connect's Cloud Map services have no DNS records; a second more, so the registration is visible when the task runs. */
    static final Duration REGISTRATION = CloudMap.registrationTime(false).plusSeconds(1);

    @Override
    public Duration duration(AccountRegion region, TaskRun run) {
        boolean registers = Services.of(region).serviceOf(run.task())
                .map(owner -> owner.revision().serviceConnectConfiguration())
                .filter(configuration -> Boolean.TRUE.equals(configuration.enabled()) && !configuration.services().isEmpty())
                .isPresent();
        return registers ? REGISTRATION : Duration.ZERO;
    }

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
                DiscoveryServices.ensure(region, namespace.get().arn(), service.discoveryName()).ifPresent(arn ->
                        CloudMapTaskInstances.register(region, arn, task, owner.get().serviceName(), proxyPort(region, task, service)));
            }
        }
        if (change.stopRequested()) {
            for (ConnectService service : services) {
                DiscoveryServices.existing(region, namespace.get().arn(), service.discoveryName())
                        .ifPresent(arn -> CloudMapTaskInstances.deregister(region, arn, task));
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

    /** Where a server task's proxy takes connections: ingressPortOverride, else the named port mapping's container port. */
    private static Integer proxyPort(AccountRegion region, Task task, ConnectService service) {
        if (service.ingressPortOverride() != null) {
            return service.ingressPortOverride();
        }
        return containerPort(region, task, service.portName()).orElse(null);
    }

    /** The container port of the task's port mapping of that name. */
    static Optional<Integer> containerPort(AccountRegion region, Task task, String portName) {
        return TaskDefinitions.of(region).find(task.taskDefinitionArn()).flatMap(definition -> definition
                .containerDefinitions().stream().flatMap(container -> container.portMappings().stream())
                .filter(mapping -> portName.equals(mapping.name())).map(PortMapping::containerPort).findFirst());
    }
}
