package dev.ecslabs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.CourseAppImage;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import dev.ecslabs.labkit.RealWorkloads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;

@Lab("05")
class ConnectedServicesTest {
    LabConnect lab;
    EcsWaiter waiter;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs, ServiceDiscoveryClient cloudMap, EcsWaiter ecsWaiter) {
        lab = new LabConnect(backend, ecs, cloudMap);
        waiter = ecsWaiter;
    }

    @AfterEach
    void deleteEverything() {
        lab.deleteEverything(waiter);
    }

    @Exercise(value = 1, title = "Give the cluster a default Service Connect namespace",
            hints = {
                    "Service Connect works in a Cloud Map namespace. A cluster can name a default one; if it doesn't "
                            + "exist yet, ECS creates an HTTP namespace of that name (API discovery only: Service Connect needs "
                            + "no DNS).",
                    "CreateCluster takes serviceConnectDefaults(namespace); the cluster's "
                            + "serviceConnectDefaults().namespace() answers the namespace's ARN.",
                    "ecs.createCluster(r -> r.clusterName(name).serviceConnectDefaults(d -> "
                            + "d.namespace(namespace))).cluster().serviceConnectDefaults().namespace()"})
    void givesTheClusterANamespace(Backend backend, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        String cluster = backend.uniqueName("shop");
        String namespace = backend.uniqueName("shop-ns");
        lab.trackNamespace(namespace);

        String arn = ConnectedServices.createCluster(ecs, cluster, namespace);

        assertThat(arn).as("the namespace ARN you returned").isNotNull().startsWith("arn:aws:servicediscovery:");
        NamespaceSummary created = lab.awaitNamespace(namespace);
        assertThat(created.arn()).isEqualTo(arn);
        assertThat(created.type()).as("ECS creates an HTTP namespace").isEqualTo(NamespaceType.HTTP);
        assertThat(ecs.describeClusters(r -> r.clusters(cluster)).clusters().get(0).serviceConnectDefaults().namespace())
                .isEqualTo(arn);
    }

    @Exercise(value = 2, title = "Name the backend's port in its task definition",
            hints = {
                    "Service Connect refers to a container port by the name of its port mapping, and needs to know "
                            + "its protocol. ECS adds a proxy container to each task: size the task, not the container.",
                    "RegisterTaskDefinition as in lab 02, with a PortMapping of containerPort, name(PORT_NAME) and "
                            + "appProtocol(ApplicationProtocol.HTTP); cpu and memory on the task only.",
                    "PortMapping.builder().containerPort(80).name(PORT_NAME).appProtocol(ApplicationProtocol.HTTP).build() "
                            + "in the \"api\" container of a FARGATE/AWSVPC 256/512 registration; return taskDefinitionArn()."})
    void namesThePort(Backend backend, EcsClient ecs) {
        String family = backend.uniqueName("api");

        String arn = ConnectedServices.registerBackend(ecs, family);

        assertThat(arn).as("the task definition ARN you returned").isNotNull().contains(":task-definition/" + family + ":");
        TaskDefinition definition = ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
        assertThat(definition.memory()).as("task memory, for the proxy to share").isEqualTo("512");
        ContainerDefinition api = definition.containerDefinitions().get(0);
        assertThat(api.name()).isEqualTo("api");
        assertThat(api.image()).isEqualTo(ConnectedServices.IMAGE);
        assertThat(api.memory()).as("no container memory limit: the proxy needs some of the task's").isNull();
        PortMapping port = api.portMappings().get(0);
        assertThat(port.containerPort()).isEqualTo(80);
        assertThat(port.name()).isEqualTo(ConnectedServices.PORT_NAME);
        assertThat(port.appProtocolAsString()).isEqualTo("http");
    }

    @Exercise(value = 3, title = "Create the backend with a discovery name and a client alias",
            hints = {
                    "A Service Connect service publishes a named port under a discovery name (the Cloud Map service "
                            + "ECS creates) and a client alias: the name and port clients connect to.",
                    "CreateService's serviceConnectConfiguration: enabled(true), services(ServiceConnectService: "
                            + "portName, discoveryName, clientAliases(dnsName, port)); leave the namespace out to use the "
                            + "cluster's default.",
                    "serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> "
                            + "s.portName(PORT_NAME).discoveryName(BACKEND_ALIAS).clientAliases(a -> "
                            + "a.dnsName(BACKEND_ALIAS).port(BACKEND_PORT))))"})
    void createsTheBackend(Backend backend, EcsClient ecs) {
        LabConnect.Cluster cluster = lab.cluster("backend");
        String name = backend.uniqueName("api");
        String api = lab.registerBackend(backend.uniqueName("api"));
        lab.track(cluster.name(), name);

        Service service = ConnectedServices.createBackend(ecs, waiter, cluster.name(), name, api, lab.subnets());

        assertThat(service).as("the service you returned").isNotNull();
        assertThat(service.runningCount()).as("runningCount, as the waiter last saw it").isEqualTo(2);
        ServiceConnectConfiguration connect = LabConnect.primary(service).serviceConnectConfiguration();
        assertThat(connect).as("the deployment's Service Connect configuration").isNotNull();
        assertThat(connect.enabled()).isTrue();
        assertThat(connect.namespace()).isIn(cluster.namespace(), lab.awaitNamespace(cluster.namespace()).arn());
        assertThat(connect.services()).singleElement().satisfies(s -> {
            assertThat(s.portName()).isEqualTo(ConnectedServices.PORT_NAME);
            assertThat(s.discoveryName()).isEqualTo(ConnectedServices.BACKEND_ALIAS);
            assertThat(s.clientAliases()).singleElement().satisfies(a -> {
                assertThat(a.dnsName()).isEqualTo(ConnectedServices.BACKEND_ALIAS);
                assertThat(a.port()).isEqualTo(ConnectedServices.BACKEND_PORT);
            });
        });
        assertThat(LabConnect.primary(service).serviceConnectResources()).as("what ECS created in Cloud Map").singleElement()
                .satisfies(r -> {
                    assertThat(r.discoveryName()).isEqualTo(ConnectedServices.BACKEND_ALIAS);
                    assertThat(r.discoveryArn()).startsWith("arn:aws:servicediscovery:");
                });
        assertThat(lab.tasks(cluster.name(), name, "RUNNING")).hasSize(2).allSatisfy(task -> assertThat(task.containers())
                .as("ECS adds the Service Connect proxy to each task").anySatisfy(container -> {
                    assertThat(container.name()).startsWith("ecs-service-connect-");
                    assertThat(container.lastStatus()).isEqualTo("RUNNING");
                }));
    }

    @Exercise(value = 4, title = "Create the frontend as a client that reaches the backend by name",
            hints = {
                    "A client service only reaches others: Service Connect gives its tasks a proxy that knows every "
                            + "endpoint of the namespace. A health check that calls the backend by name proves it works.",
                    "HealthCheck with command(\"CMD-SHELL\", \"curl -f http://backend:8080/ || exit 1\"); CreateService "
                            + "with serviceConnectConfiguration(enabled true) and no services; waitUntilServicesStable succeeds "
                            + "once the check passes.",
                    "Register the \"web\" container with .healthCheck(h -> h.command(\"CMD-SHELL\", \"curl -f "
                            + "http://backend:8080/ || exit 1\")); create 1 task with .serviceConnectConfiguration(sc -> "
                            + "sc.enabled(true)); wait until stable."})
    void createsTheFrontend(Backend backend, EcsClient ecs) {
        LabConnect.Cluster cluster = lab.cluster("frontend");
        String api = backend.uniqueName("api");
        lab.createBackend(waiter, cluster.name(), api, lab.registerBackend(backend.uniqueName("api")));
        String name = backend.uniqueName("web");
        String family = backend.uniqueName("web");
        lab.track(cluster.name(), name);

        Service service = ConnectedServices.createFrontend(ecs, waiter, cluster.name(), name, family, lab.subnets());

        assertThat(service).as("the service you returned").isNotNull();
        assertThat(service.runningCount()).isEqualTo(1);
        ServiceConnectConfiguration connect = LabConnect.primary(service).serviceConnectConfiguration();
        assertThat(connect).as("the frontend's Service Connect configuration").isNotNull();
        assertThat(connect.enabled()).isTrue();
        assertThat(connect.services()).as("a client service advertises nothing").isEmpty();
        ContainerDefinition web = ecs.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition()
                .containerDefinitions().get(0);
        assertThat(web.healthCheck()).as("the frontend's health check").isNotNull();
        assertThat(String.join(" ", web.healthCheck().command())).contains("http://backend:8080/");
        assertThat(lab.awaitHealthy(cluster.name(), name)).as("its task reached the backend by name").singleElement()
                .satisfies(task -> assertThat(task.healthStatusAsString()).isEqualTo("HEALTHY"));
    }

    @Exercise(value = 5, title = "Find the Cloud Map service and instances that ECS created",
            hints = {
                    "ECS registers each task of a Service Connect service as an instance of a Cloud Map service: the "
                            + "instance id is the task id, its attributes hold its IP and port.",
                    "DescribeServices: the PRIMARY deployment's serviceConnectResources() pair discoveryName with "
                            + "discoveryArn. Cloud Map's ListInstances (listInstancesPaginator) takes the service id, the ARN's "
                            + "last part (srv-...); attributes AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT.",
                    "String serviceId = arn.substring(arn.lastIndexOf('/') + 1); cloudMap.listInstancesPaginator(r -> "
                            + "r.serviceId(serviceId)).instances().stream().map(i -> new BackendInstance(i.id(), "
                            + "i.attributes().get(\"AWS_INSTANCE_IPV4\"), ...)).toList()"})
    void findsTheInstances(Backend backend, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        LabConnect.Cluster cluster = lab.cluster("instances");
        String name = backend.uniqueName("api");
        lab.createBackend(waiter, cluster.name(), name, lab.registerBackend(backend.uniqueName("api")));

        List<BackendInstance> instances = ConnectedServices.backendInstances(ecs, cloudMap, cluster.name(), name);

        List<Task> running = lab.tasks(cluster.name(), name, "RUNNING");
        assertThat(instances).as("the instances you returned").isNotNull().hasSize(2);
        assertThat(instances).extracting(BackendInstance::instanceId).as("one instance per task, under its task id")
                .containsExactlyInAnyOrderElementsOf(running.stream().map(t -> LabConnect.idOf(t.taskArn())).toList());
        assertThat(instances).extracting(BackendInstance::ipv4).as("the tasks' private IPs")
                .containsExactlyInAnyOrderElementsOf(running.stream().map(LabConnect::privateIp).toList());
        assertThat(instances).extracting(BackendInstance::port).as("the container port their proxies listen on")
                .containsOnly(80);
    }

    @Exercise(value = 6, title = "Roll the backend to a new revision: its endpoints change, the frontend stays healthy",
            hints = {
                    "A rollout replaces the backend's tasks: new ones register in the same Cloud Map service as they "
                            + "start, old ones deregister as they stop, and clients' proxies follow. The client changes "
                            + "nothing.",
                    "UpdateService with the new taskDefinition, then waitUntilServicesStable.",
                    "ecs.updateService(r -> r.cluster(cluster).service(name).taskDefinition(td)); return the stable "
                            + "waiter's services().get(0)."})
    void rollsTheBackend(Backend backend, EcsClient ecs) {
        LabConnect.Cluster cluster = lab.cluster("rollout");
        String api = backend.uniqueName("api");
        String family = backend.uniqueName("api");
        Service created = lab.createBackend(waiter, cluster.name(), api, lab.registerBackend(family));
        String web = backend.uniqueName("web");
        lab.createFrontend(waiter, cluster.name(), web, lab.registerFrontend(backend.uniqueName("web")));
        String discoveryArn = LabConnect.primary(created).serviceConnectResources().get(0).discoveryArn();
        Set<String> before = ids(lab.instances(discoveryArn));
        String frontendTask = lab.tasks(cluster.name(), web, "RUNNING").get(0).taskArn();
        String revision = lab.registerBackend(family);

        Service rolled = ConnectedServices.rollBackend(ecs, waiter, cluster.name(), api, revision);

        assertThat(rolled).as("the service you returned").isNotNull();
        assertThat(rolled.taskDefinition()).isEqualTo(revision);
        assertThat(rolled.deployments()).as("the rollout is over").hasSize(1);
        Set<String> after = ids(lab.instances(discoveryArn));
        assertThat(after).as("the new tasks are the endpoints now").hasSize(2).doesNotContainAnyElementsOf(before)
                .containsExactlyInAnyOrderElementsOf(lab.tasks(cluster.name(), api, "RUNNING").stream()
                        .map(t -> LabConnect.idOf(t.taskArn())).toList());
        assertThat(lab.tasks(cluster.name(), web, "RUNNING")).singleElement().satisfies(task -> {
            assertThat(task.taskArn()).as("the same frontend task: never unhealthy, never replaced").isEqualTo(frontendTask);
            assertThat(task.healthStatusAsString()).isEqualTo("HEALTHY");
        });
    }

    @Exercise(value = 7, title = "List the services in the namespace, across clusters",
            hints = {
                    "A namespace spans clusters: every service that joined it with Service Connect, clients too. "
                            + "ListServices knows only one cluster.",
                    "ListServicesByNamespace takes the namespace (name or ARN); "
                            + "listServicesByNamespacePaginator(...).serviceArns() walks every page.",
                    "ecs.listServicesByNamespacePaginator(r -> "
                            + "r.namespace(namespace)).serviceArns().stream().toList()"})
    void listsTheNamespace(Backend backend, EcsClient ecs) {
        LabConnect.Cluster cluster = lab.cluster("listing");
        String other = lab.clusterIn("listing-two", cluster.namespace());
        String api = lab.registerBackend(backend.uniqueName("api"));
        String backendArn = lab.create(lab.fargate(cluster.name(), backend.uniqueName("api"), api, 0)
                .serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s.portName(ConnectedServices.PORT_NAME))))
                .serviceArn();
        String clientArn = lab.create(lab.fargate(cluster.name(), backend.uniqueName("web"), api, 0)
                .serviceConnectConfiguration(sc -> sc.enabled(true))).serviceArn();
        String elsewhereArn = lab.create(lab.fargate(other, backend.uniqueName("worker"), api, 0)
                .serviceConnectConfiguration(sc -> sc.enabled(true))).serviceArn();
        lab.create(lab.fargate(cluster.name(), backend.uniqueName("batch"), api, 0));

        List<String> arns = ConnectedServices.servicesInNamespace(ecs, cluster.namespace());

        assertThat(arns).as("the service ARNs you returned").isNotNull()
                .containsExactlyInAnyOrder(backendArn, clientArn, elsewhereArn);
    }

    private static Set<String> ids(List<InstanceSummary> instances) {
        return instances.stream().map(InstanceSummary::id).collect(Collectors.toSet());
    }

    @Exercise(value = 8, title = "Run the course's own app as the frontend: it calls the backend by name, and each answer names the backend task that served it",
            hints = {
                    "The course app becomes a web tier when its environment has BACKEND_URL: on every GET / it calls that "
                            + "URL and puts the backend's answer (which names the backend's task) in its own. Give it the "
                            + "client alias, http://backend:8080: inside a task of a Service Connect service the name leads "
                            + "to the task's proxy, which picks a backend task for each request.",
                    "RegisterTaskDefinition: family, requiresCompatibilities FARGATE, networkMode AWSVPC, cpu \"256\", memory "
                            + "\"512\", one container \"web\" with image, portMappings containerPort 8080 and "
                            + "environment(KeyValuePair name BACKEND_URL, value \"http://\" + BACKEND_ALIAS + \":\" + BACKEND_PORT).",
                    "ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)"
                            + ".networkMode(NetworkMode.AWSVPC).cpu(\"256\").memory(\"512\").containerDefinitions(c -> "
                            + "c.name(\"web\").image(image).essential(true).portMappings(p -> p.containerPort(8080))"
                            + ".environment(e -> e.name(\"BACKEND_URL\").value(\"http://backend:8080\"))))"
                            + ".taskDefinition().taskDefinitionArn()"})
    void theFrontendCallsTheBackendByName(Backend backend, EcsClient ecs, EcrClient ecr) {
        RealWorkloads.assumeAvailable(backend);
        String image = CourseAppImage.push(ecr);

        String frontend = ConnectedServices.registerCourseAppFrontend(ecs, backend.uniqueName("web"), image);

        assertThat(frontend).as("the task definition's ARN you returned").contains(":task-definition/");
        LabConnect.Cluster cluster = lab.cluster("apps");
        String api = backend.uniqueName("api");
        lab.createBackend(waiter, cluster.name(), api, lab.registerCourseAppBackend(backend.uniqueName("api"), image));
        Task web = lab.createClient(waiter, cluster.name(), backend.uniqueName("web"), frontend);
        Set<String> backendTasks = lab.tasks(cluster.name(), api, "RUNNING").stream().map(Task::taskArn).collect(Collectors.toSet());
        URI url = RealWorkloads.localUrl(backend, web.taskArn(), CourseAppImage.PORT);
        Set<String> servedBy = new HashSet<>();
        // The backend's apps take requests once their JVMs listen, a moment after their tasks run: ask until both have answered.
        backend.pollUntil(() -> {
            backendTaskThatServed(backend, url).ifPresent(servedBy::add);
            return servedBy;
        }, served -> served.containsAll(backendTasks));
        assertThat(servedBy).as("the backend tasks named in the frontend's answers").isEqualTo(backendTasks);
    }

    /** The backend task named in the frontend's answer to GET /, when the frontend could reach the backend. */
    private static Optional<String> backendTaskThatServed(Backend backend, URI frontend) {
        HttpResponse<String> answer = RealWorkloads.get(backend, frontend);
        if (answer.statusCode() != 200) {
            return Optional.empty(); // 502: the frontend says what the backend answered; no backend app listens yet
        }
        try {
            return Optional.of(new ObjectMapper().readTree(answer.body()).path("backend").path("task").path("taskArn").asText());
        } catch (IOException e) {
            throw new AssertionError(frontend + " answered something that is not JSON: " + answer.body(), e);
        }
    }
}
