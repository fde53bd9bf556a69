package dev.ecslabs.serviceconnect;

import dev.ecslabs.labkit.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ApplicationProtocol;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * What the exercises set up for themselves: clusters with a Service Connect namespace of their
 * own, the backend and the frontend as the solution makes them, and at the end everything deleted
 * again, in ECS and in Cloud Map (a namespace can only go once its services are gone, and an
 * account has at most 50 namespaces in a Region).
 */
final class LabConnect {
    /** The frontend's health check: it passes only while http://backend:8080/ answers. */
    static final String FRONTEND_CHECK = "curl -f http://backend:8080/ || exit 1";

    private final Backend backend;
    private final EcsClient ecs;
    private final ServiceDiscoveryClient cloudMap;
    private final List<Tracked> services = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    /** A service the exercise made, to delete afterwards. */
    private record Tracked(String cluster, String service) {
    }

    /** A cluster and the name of its default Service Connect namespace. */
    record Cluster(String name, String namespace) {
    }

    LabConnect(Backend backend, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        this.backend = backend;
        this.ecs = ecs;
        this.cloudMap = cloudMap;
    }

    /** A cluster whose default Service Connect namespace is a new one, ready to use. */
    Cluster cluster(String base) {
        Cluster cluster = new Cluster(backend.uniqueName(base), backend.uniqueName(base + "-ns"));
        ecs.createCluster(request -> request.clusterName(cluster.name()).serviceConnectDefaults(d -> d.namespace(cluster.namespace())));
        trackNamespace(cluster.namespace());
        awaitNamespace(cluster.namespace());
        return cluster;
    }

    /** Another cluster in the same namespace. */
    String clusterIn(String base, String namespace) {
        String name = backend.uniqueName(base);
        ecs.createCluster(request -> request.clusterName(name).serviceConnectDefaults(d -> d.namespace(namespace)));
        return name;
    }

    List<String> subnets() {
        return backend.defaultSubnets();
    }

    void track(String cluster, String service) {
        services.add(new Tracked(cluster, service));
    }

    void trackNamespace(String namespace) {
        namespaces.add(namespace);
    }

    /** The backend's task definition as exercise 05.2 registers it. */
    String registerBackend(String family) {
        return register(family, ContainerDefinition.builder().name("api").image(ConnectedServices.IMAGE).essential(true)
                .portMappings(PortMapping.builder().containerPort(80).name(ConnectedServices.PORT_NAME)
                        .appProtocol(ApplicationProtocol.HTTP).build()).build());
    }

    /** The frontend's task definition as exercise 05.4 registers it. */
    String registerFrontend(String family) {
        return register(family, ContainerDefinition.builder().name("web").image(ConnectedServices.IMAGE).essential(true)
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", FRONTEND_CHECK).build()).build());
    }

    /** The backend running the course's own app: its port 8080 named http, spoken as HTTP (appProtocol). */
    String registerCourseAppBackend(String family, String image) {
        return register(family, ContainerDefinition.builder().name("api").image(image).essential(true)
                .portMappings(PortMapping.builder().containerPort(8080).name(ConnectedServices.PORT_NAME)
                        .appProtocol(ApplicationProtocol.HTTP).build()).build());
    }

    /** A client service of one task in the cluster's namespace, stable; its running task. */
    Task createClient(EcsWaiter waiter, String cluster, String name, String taskDefinition) {
        createStable(waiter, fargate(cluster, name, taskDefinition, 1).serviceConnectConfiguration(sc -> sc.enabled(true)));
        return tasks(cluster, name, "RUNNING").get(0);
    }

    /** The backend as exercise 05.3 creates it: reachable as backend:8080, stable. */
    Service createBackend(EcsWaiter waiter, String cluster, String name, String taskDefinition) {
        return createStable(waiter, fargate(cluster, name, taskDefinition, 2).serviceConnectConfiguration(sc -> sc.enabled(true)
                .services(s -> s.portName(ConnectedServices.PORT_NAME).discoveryName(ConnectedServices.BACKEND_ALIAS)
                        .clientAliases(a -> a.dnsName(ConnectedServices.BACKEND_ALIAS).port(ConnectedServices.BACKEND_PORT)))));
    }

    /** The frontend as exercise 05.4 creates it: a client in the cluster's namespace, stable and healthy. */
    Service createFrontend(EcsWaiter waiter, String cluster, String name, String taskDefinition) {
        Service service = createStable(waiter, fargate(cluster, name, taskDefinition, 1)
                .serviceConnectConfiguration(sc -> sc.enabled(true)));
        awaitHealthy(cluster, name);
        return service;
    }

    /**
     * The service's running tasks once each has passed its health check (which runs every 30 s, so
     * a service is stable before its tasks are HEALTHY); an UNHEALTHY one fails at once.
     */
    List<Task> awaitHealthy(String cluster, String service) {
        return await(() -> {
            List<Task> running = tasks(cluster, service, "RUNNING");
            running.stream().filter(task -> "UNHEALTHY".equals(task.healthStatusAsString())).findFirst().ifPresent(task -> {
                throw new AssertionError("The task " + idOf(task.taskArn()) + " of " + service + " failed its health check: "
                        + "it could not reach " + ConnectedServices.BACKEND_ALIAS + ":" + ConnectedServices.BACKEND_PORT);
            });
            boolean healthy = !running.isEmpty() && running.stream().allMatch(task -> "HEALTHY".equals(task.healthStatusAsString()));
            return healthy ? Optional.of(running) : Optional.empty();
        }).orElseThrow(() -> new AssertionError("The tasks of " + service + " did not all become HEALTHY in time."));
    }

    /** A service created and not waited for: with desiredCount 0 it runs nothing. */
    Service create(CreateServiceRequest.Builder request) {
        Service service = ecs.createService(request.build()).service();
        track(request.build().cluster(), service.serviceName());
        return service;
    }

    CreateServiceRequest.Builder fargate(String cluster, String name, String taskDefinition, int desiredCount) {
        return CreateServiceRequest.builder().cluster(cluster).serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desiredCount).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets()).assignPublicIp(AssignPublicIp.ENABLED)));
    }

    Service describe(String cluster, String service) {
        return ecs.describeServices(request -> request.cluster(cluster).services(service)).services().get(0);
    }

    static Deployment primary(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow();
    }

    /** The service's tasks with that desired status, described. */
    List<Task> tasks(String cluster, String service, String desiredStatus) {
        List<String> arns = ecs.listTasksPaginator(request -> request.cluster(cluster).serviceName(service)
                .desiredStatus(desiredStatus)).taskArns().stream().toList();
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += 100) {
            List<String> page = arns.subList(from, Math.min(arns.size(), from + 100));
            tasks.addAll(ecs.describeTasks(request -> request.cluster(cluster).tasks(page)).tasks());
        }
        return tasks;
    }

    /** The instances of the Cloud Map service that the ARN names. */
    List<InstanceSummary> instances(String cloudMapServiceArn) {
        String id = cloudMapServiceArn.substring(cloudMapServiceArn.lastIndexOf('/') + 1);
        return cloudMap.listInstancesPaginator(request -> request.serviceId(id)).stream()
                .flatMap(page -> page.instances().stream()).toList();
    }

    /** The Cloud Map namespace of that name, once its creation has succeeded. */
    NamespaceSummary awaitNamespace(String name) {
        return await(() -> namespace(name))
                .orElseThrow(() -> new AssertionError("The namespace " + name + " did not appear in Cloud Map in time."));
    }

    static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static String privateIp(Task task) {
        return task.attachments().stream().flatMap(a -> a.details().stream())
                .filter(d -> "privateIPv4Address".equals(d.name())).map(d -> d.value()).findFirst().orElseThrow();
    }

    /**
     * Deletes what the exercise made: its services (their tasks stop, and ECS deregisters them from
     * Cloud Map), then in each namespace the Cloud Map services left in it, then the namespace.
     */
    void deleteEverything(EcsWaiter waiter) {
        List<Tracked> deleted = new ArrayList<>();
        for (Tracked tracked : services) {
            // A service the learner's code was to create may not exist.
            List<Service> current = ecs.describeServices(request -> request.cluster(tracked.cluster())
                    .services(tracked.service())).services();
            if (!current.isEmpty() && "ACTIVE".equals(current.get(0).status())) {
                ecs.deleteService(request -> request.cluster(tracked.cluster()).service(tracked.service()).force(true));
                deleted.add(tracked);
            }
        }
        for (Tracked tracked : deleted) {
            waiter.waitUntilServicesInactive(request -> request.cluster(tracked.cluster()).services(tracked.service()));
        }
        for (String name : namespaces) {
            Optional<NamespaceSummary> namespace = namespace(name);
            if (namespace.isEmpty()) {
                continue;
            }
            List<ServiceSummary> left = cloudMap.listServicesPaginator(request -> request.filters(f -> f.name("NAMESPACE_ID")
                    .values(namespace.get().id()).condition("EQ"))).stream().flatMap(page -> page.services().stream()).toList();
            for (ServiceSummary service : left) {
                // Deregistrations take a moment in Cloud Map; a service with instances can't be deleted.
                await(() -> instances(service.arn()).isEmpty() ? Optional.of(true) : Optional.empty());
                try {
                    cloudMap.deleteService(request -> request.id(service.id()));
                } catch (ServiceNotFoundException e) {
                    // ECS deleted it already.
                }
            }
            cloudMap.deleteNamespace(request -> request.id(namespace.get().id()));
        }
    }

    private Optional<NamespaceSummary> namespace(String name) {
        return cloudMap.listNamespacesPaginator(request -> { }).stream().flatMap(page -> page.namespaces().stream())
                .filter(namespace -> namespace.name().equals(name)).findFirst();
    }

    private String register(String family, ContainerDefinition container) {
        return ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder().family(family)
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(container).build()).taskDefinition().taskDefinitionArn();
    }

    private Service createStable(EcsWaiter waiter, CreateServiceRequest.Builder request) {
        Service created = create(request);
        return waiter.waitUntilServicesStable(r -> r.cluster(request.build().cluster()).services(created.serviceName()))
                .matched().response().orElseThrow().services().get(0);
    }

    /** Polls until {@code check} finds something (see {@link Backend#pollUntil}); empty if it never does. */
    private <T> Optional<T> await(Supplier<Optional<T>> check) {
        return backend.pollUntil(check, Optional::isPresent);
    }
}
