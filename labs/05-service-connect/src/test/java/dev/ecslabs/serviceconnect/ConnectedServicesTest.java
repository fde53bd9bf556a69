package dev.ecslabs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
            hint = "createCluster takes serviceConnectDefaults(d -> d.namespace(name)). A name that is no namespace yet makes "
                    + "ECS create an HTTP namespace of that name in Cloud Map (\"API calls\" discovery only: Service Connect "
                    + "needs no DNS). The cluster's serviceConnectDefaults().namespace() answers its ARN.")
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
            hint = "Service Connect refers to a port by the name of its port mapping: PortMapping.builder().containerPort(80)"
                    + ".name(PORT_NAME).appProtocol(ApplicationProtocol.HTTP). Set cpu and memory for the whole task and no "
                    + "memory on the container: ECS adds a proxy container to each task, which runs on what the containers "
                    + "leave over.")
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
            hint = "serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s.portName(PORT_NAME).discoveryName(...)"
                    + ".clientAliases(a -> a.dnsName(BACKEND_ALIAS).port(BACKEND_PORT)))): leave the namespace out and the "
                    + "cluster's default is used. The discovery name names the Cloud Map service ECS creates; the client "
                    + "alias is the name and port client tasks connect to.")
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
            hint = "HealthCheck.builder().command(\"CMD-SHELL\", \"curl -f http://backend:8080/ || exit 1\") makes the "
                    + "frontend's health depend on the name. serviceConnectConfiguration(sc -> sc.enabled(true)) with no "
                    + "services makes a client service: its tasks get a proxy that knows every endpoint of the namespace. "
                    + "waitUntilServicesStable only succeeds once the health check passes.")
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
            hint = "DescribeServices: the PRIMARY deployment's serviceConnectResources() pair each discoveryName with the "
                    + "discoveryArn of its Cloud Map service. ListInstances takes that service's id (the ARN's last part, "
                    + "srv-…); each instance is a task: its id is the task id, its attributes() hold AWS_INSTANCE_IPV4 and "
                    + "AWS_INSTANCE_PORT.")
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
            hint = "updateService with the new taskDefinition, then waitUntilServicesStable. New tasks register in the same "
                    + "Cloud Map service as they start, the old ones deregister as they stop, and the frontend's proxy "
                    + "follows: no change on the client side.")
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
            hint = "ListServicesByNamespace takes the namespace's name or ARN and lists the services of every cluster that "
                    + "joined it with Service Connect, clients too; ListServices only knows one cluster. Use "
                    + "listServicesByNamespacePaginator(...).serviceArns() so that no page is missed.")
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
}
