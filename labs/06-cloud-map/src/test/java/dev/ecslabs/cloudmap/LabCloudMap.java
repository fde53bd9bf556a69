package dev.ecslabs.cloudmap;

import dev.ecslabs.labkit.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DuplicateRequestException;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.GetOperationResponse;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.InstanceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * What the exercises set up for themselves: namespaces, Cloud Map services, instances registered
 * by hand, the shop's backend as an ECS service registered in Cloud Map, and waiting for all of
 * them; and at the end everything taken down again, in the order AWS requires, so that run after
 * run fits in one account (a Region holds at most 50 namespaces).
 */
final class LabCloudMap {
    static final String BACKEND = "backend";
    static final String BACKEND_IMAGE = "public.ecr.aws/nginx/nginx:1.27";

    private final Backend backend;
    private final EcsClient ecs;
    private final EcsWaiter waiter;
    private final ServiceDiscoveryClient cloudMap;
    private final List<String> namespaces = new ArrayList<>();
    private final List<EcsService> ecsServices = new ArrayList<>();

    /** A namespace the exercise uses, by id and name. */
    record LabNamespace(String id, String name) {
    }

    /** An ECS service the exercise made, to delete afterwards. */
    private record EcsService(String cluster, String service) {
    }

    LabCloudMap(Backend backend, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        this.backend = backend;
        this.ecs = ecs;
        this.waiter = backend.ecsWaiter(ecs);
        this.cloudMap = cloudMap;
    }

    /** How often to ask Cloud Map again: every 200 ms on the course's emulator, every 5 s elsewhere. */
    Duration poll() {
        return backend.pollInterval(Duration.ofSeconds(5));
    }

    /** A private DNS namespace name no other run uses, such as {@code dns.shop.local}; deleted after the exercise. */
    String privateDnsName(String label) {
        return track(backend.uniqueName(label) + ".shop.local");
    }

    /** An HTTP namespace name no other run uses; deleted after the exercise. */
    String httpName(String label) {
        return track(backend.uniqueName(label) + "-shop");
    }

    /** Remembers a namespace name the exercise (or the learner's code) creates, to delete it afterwards. */
    String track(String namespaceName) {
        namespaces.add(namespaceName);
        return namespaceName;
    }

    LabNamespace privateNamespace(String label) {
        String name = privateDnsName(label);
        String operationId = cloudMap.createPrivateDnsNamespace(r -> r.name(name).vpc(backend.defaultVpc())).operationId();
        return new LabNamespace(namespaceOf(operationId), name);
    }

    LabNamespace httpNamespace(String label) {
        String name = httpName(label);
        return new LabNamespace(namespaceOf(cloudMap.createHttpNamespace(r -> r.name(name)).operationId()), name);
    }

    /** A service discovered by the API only, optionally with a custom health check. */
    Service apiService(LabNamespace namespace, String name, boolean customHealth) {
        return cloudMap.createService(r -> {
            r.name(name).namespaceId(namespace.id());
            if (customHealth) {
                r.healthCheckCustomConfig(c -> { });
            }
        }).service();
    }

    /** Registers instances by hand, all at once, and waits until every one is registered. */
    void registerByHand(String serviceId, Map<String, Map<String, String>> instances) {
        List<String> operations = new ArrayList<>();
        instances.forEach((id, attributes) -> operations.add(cloudMap.registerInstance(r -> r.serviceId(serviceId)
                .instanceId(id).attributes(attributes)).operationId()));
        operations.forEach(this::succeeded);
    }

    String cluster(String base) {
        String name = backend.uniqueName(base);
        ecs.createCluster(r -> r.clusterName(name));
        return name;
    }

    /** The shop's backend: nginx on port 80, with a health check ECS runs and reports to Cloud Map. */
    String registerBackend(String family) {
        return ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder()
                .family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn("arn:aws:iam::" + backend.accountId() + ":role/ecsTaskExecutionRole")
                .containerDefinitions(ContainerDefinition.builder().name(BACKEND).image(BACKEND_IMAGE).essential(true)
                        .portMappings(PortMapping.builder().containerPort(80).name("http").build())
                        .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost/ || exit 1").build())
                        .build())
                .build()).taskDefinition().taskDefinitionArn();
    }

    /** Remembers an ECS service the learner's code creates, so that it is deleted after the exercise. */
    void track(String cluster, String service) {
        ecsServices.add(new EcsService(cluster, service));
    }

    /**
     * The backend set up as exercise 06.4 asks, without the learner's code: its Cloud Map service in
     * the namespace, its ECS service, stable, and its tasks discoverable. Answers the Cloud Map service.
     */
    Service createBackend(LabNamespace namespace, String cluster) {
        Service registry = cloudMap.createService(r -> r.name(BACKEND).namespaceId(namespace.id())
                .dnsConfig(d -> d.routingPolicy(RoutingPolicy.MULTIVALUE).dnsRecords(rec -> rec.type(RecordType.A).ttl(10L)))
                .healthCheckCustomConfig(c -> { })).service();
        ecs.createService(r -> r.cluster(cluster).serviceName(BACKEND).taskDefinition(registerBackend(backend.uniqueName(BACKEND)))
                .desiredCount(BackendService.DESIRED_COUNT).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(backend.defaultSubnets())))
                .serviceRegistries(sr -> sr.registryArn(registry.arn())));
        track(cluster, BACKEND);
        waiter.waitUntilServicesStable(r -> r.cluster(cluster).services(BACKEND));
        List<String> ips = runningIps(cluster, BACKEND);
        until(() -> discoveredIps(namespace.name(), BACKEND), found -> found.size() == ips.size() && found.containsAll(ips));
        return registry;
    }

    /** The service's RUNNING tasks, described. */
    List<Task> runningTasks(String cluster, String service) {
        List<String> arns = ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(service).desiredStatus("RUNNING"))
                .taskArns().stream().toList();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks();
    }

    List<String> runningIps(String cluster, String service) {
        return runningTasks(cluster, service).stream().map(LabCloudMap::privateIp).toList();
    }

    static String privateIp(Task task) {
        return task.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
    }

    /** The IPv4 addresses DiscoverInstances answers for the service's healthy instances. */
    List<String> discoveredIps(String namespaceName, String service) {
        return discovered(namespaceName, service).stream().map(i -> i.attributes().get("AWS_INSTANCE_IPV4")).toList();
    }

    List<HttpInstanceSummary> discovered(String namespaceName, String service) {
        return cloudMap.discoverInstances(r -> r.namespaceName(namespaceName).serviceName(service)).instances();
    }

    /** Asks until the answer is accepted, and answers the last answer (see {@link Backend#pollUntil}). */
    <T> T until(Supplier<T> ask, Predicate<T> accepted) {
        return backend.pollUntil(ask, accepted);
    }

    /** Deletes what the exercise made: ECS services first, then every instance, service and namespace. */
    void deleteEverything() {
        for (EcsService tracked : ecsServices) {
            Optional<String> status = ecs.describeServices(r -> r.cluster(tracked.cluster()).services(tracked.service()))
                    .services().stream().map(s -> s.status()).findFirst();
            if (status.isEmpty()) {
                continue; // never created
            }
            if (status.get().equals("ACTIVE")) {
                ecs.deleteService(r -> r.cluster(tracked.cluster()).service(tracked.service()).force(true));
            }
            waiter.waitUntilServicesInactive(r -> r.cluster(tracked.cluster()).services(tracked.service()));
        }
        for (String name : namespaces) {
            findNamespace(name).ifPresent(namespace -> {
                servicesOf(namespace.id()).forEach(service -> deleteService(service.id()));
                cloudMap.deleteNamespace(r -> r.id(namespace.id()));
            });
        }
    }

    private void deleteService(String serviceId) {
        for (InstanceSummary instance : instances(serviceId)) {
            try {
                cloudMap.deregisterInstance(r -> r.serviceId(serviceId).instanceId(instance.id()));
            } catch (DuplicateRequestException | InstanceNotFoundException alreadyLeaving) {
                // ECS is deregistering its task already
            }
        }
        until(() -> instances(serviceId), List::isEmpty);
        cloudMap.deleteService(r -> r.id(serviceId));
    }

    private List<InstanceSummary> instances(String serviceId) {
        return cloudMap.listInstancesPaginator(r -> r.serviceId(serviceId)).stream()
                .flatMap(page -> page.instances().stream()).toList();
    }

    /** The namespace of that name, if there is one (ListNamespaces filters each page, so every page is read; Cloud Map's paginators give pages, not items). */
    Optional<NamespaceSummary> findNamespace(String name) {
        return cloudMap.listNamespacesPaginator(r -> r.filters(f -> f.name(NamespaceFilterName.NAME)
                        .condition(FilterCondition.EQ).values(name))).stream()
                .flatMap(page -> page.namespaces().stream()).filter(ns -> ns.name().equals(name)).findFirst();
    }

    private List<ServiceSummary> servicesOf(String namespaceId) {
        return cloudMap.listServicesPaginator(r -> r.filters(f -> f.name(ServiceFilterName.NAMESPACE_ID)
                .condition(FilterCondition.EQ).values(namespaceId))).stream()
                .flatMap(page -> page.services().stream()).toList();
    }

    /** Waits until the operation succeeded, and answers the id of the namespace it made. */
    private String namespaceOf(String operationId) {
        return succeeded(operationId).operation().targets().get(OperationTargetType.NAMESPACE);
    }

    private GetOperationResponse succeeded(String operationId) {
        GetOperationResponse done = until(() -> cloudMap.getOperation(r -> r.operationId(operationId)),
                r -> r.operation().status() != OperationStatus.SUBMITTED && r.operation().status() != OperationStatus.PENDING);
        if (done.operation().status() != OperationStatus.SUCCESS) {
            throw new IllegalStateException("The exercise's own Cloud Map operation " + operationId + " did not succeed: "
                    + done.operation());
        }
        return done;
    }
}
