package dev.ecslabs.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.cloudmap.LabCloudMap.LabNamespace;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;

@Lab("06")
class CloudMapTest {
    LabCloudMap lab;

    @BeforeEach
    void setUp(Backend backend, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        lab = new LabCloudMap(backend, ecs, cloudMap);
    }

    @AfterEach
    void deleteEverything() {
        lab.deleteEverything();
    }

    @Exercise(value = 1, title = "Create a private DNS namespace and an HTTP namespace, and wait for their operations",
            hint = "createPrivateDnsNamespace (name and vpc) and createHttpNamespace (name) answer at once with an OperationId, "
                    + "long before the namespace exists. getOperation(r -> r.operationId(id)).operation() is SUBMITTED, PENDING, "
                    + "then SUCCESS or FAIL: ask again with Poll.until until it is one of the last two. A successful operation's "
                    + "targets() map OperationTargetType.NAMESPACE to the new namespace's id.")
    void createsNamespaces(Backend backend, ServiceDiscoveryClient cloudMap) {
        String privateDnsName = lab.privateDnsName("shop");
        String httpName = lab.httpName("shop");
        String alone = lab.httpName("operation");
        String operationId = cloudMap.createHttpNamespace(r -> r.name(alone)).operationId();

        Operation operation = Namespaces.waitForOperation(cloudMap, operationId, lab.poll());
        NamespaceIds ids = Namespaces.create(cloudMap, privateDnsName, httpName, backend.defaultVpc(), lab.poll());

        assertThat(operation).as("the operation you waited for").isNotNull();
        assertThat(operation.status()).isEqualTo(OperationStatus.SUCCESS);
        assertThat(operation.typeAsString()).isEqualTo("CREATE_NAMESPACE");
        assertThat(lab.findNamespace(alone)).as("the namespace exists once its operation succeeded").isPresent();
        assertThat(ids).as("the namespace ids you returned").isNotNull();
        Namespace privateDns = cloudMap.getNamespace(r -> r.id(ids.privateDnsNamespaceId())).namespace();
        assertThat(privateDns.name()).isEqualTo(privateDnsName);
        assertThat(privateDns.type()).isEqualTo(NamespaceType.DNS_PRIVATE);
        assertThat(privateDns.properties().dnsProperties().hostedZoneId()).as("a Route 53 private hosted zone").isNotBlank();
        Namespace http = cloudMap.getNamespace(r -> r.id(ids.httpNamespaceId())).namespace();
        assertThat(http.name()).isEqualTo(httpName);
        assertThat(http.type()).isEqualTo(NamespaceType.HTTP);
        assertThat(http.properties().httpProperties().httpName()).isEqualTo(httpName);
    }

    @Exercise(value = 2, title = "Register the orders database by hand, with custom attributes",
            hint = "registerInstance takes the serviceId, an instanceId of your choosing and attributes: AWS_INSTANCE_IPV4 and "
                    + "AWS_INSTANCE_PORT (Cloud Map's own keys; a port is a string) plus your own, here version and stage. It "
                    + "answers an OperationId: the instance exists once that operation succeeded (your waitForOperation).")
    void registersTheDatabase(ServiceDiscoveryClient cloudMap) {
        LabNamespace data = lab.httpNamespace("data");
        Service orders = lab.apiService(data, "orders-db", false);
        DatabaseEndpoint database = new DatabaseEndpoint("orders-db-1", "10.0.2.15", 5432, "v2", "prod");

        OrdersDatabase.register(cloudMap, orders.id(), database, lab.poll());

        Map<String, String> attributes = cloudMap.getInstance(r -> r.serviceId(orders.id()).instanceId("orders-db-1"))
                .instance().attributes();
        assertThat(attributes).containsExactlyInAnyOrderEntriesOf(Map.of("AWS_INSTANCE_IPV4", "10.0.2.15",
                "AWS_INSTANCE_PORT", "5432", "version", "v2", "stage", "prod"));
    }

    @Exercise(value = 3, title = "Discover the database with query and optional parameters",
            hint = "discoverInstances takes the namespaceName and serviceName, queryParameters (only instances with all of "
                    + "these attribute values) and optionalParameters (those with these values if there are any, else all the "
                    + "query found). Each HttpInstanceSummary has instanceId() and attributes().")
    void discoversTheDatabase(ServiceDiscoveryClient cloudMap) {
        LabNamespace data = lab.httpNamespace("discover");
        Service orders = lab.apiService(data, "orders-db", false);
        DatabaseEndpoint v1 = new DatabaseEndpoint("orders-db-1", "10.0.2.11", 5432, "v1", "prod");
        DatabaseEndpoint v2 = new DatabaseEndpoint("orders-db-2", "10.0.2.12", 5432, "v2", "prod");
        DatabaseEndpoint test = new DatabaseEndpoint("orders-db-3", "10.0.2.13", 5433, "v2", "test");
        lab.registerByHand(orders.id(), Map.of(v1.instanceId(), attributes(v1), v2.instanceId(), attributes(v2),
                test.instanceId(), attributes(test)));

        List<DatabaseEndpoint> prodV2 = OrdersDatabase.discover(cloudMap, data.name(), "orders-db", "prod", "v2");
        List<DatabaseEndpoint> prodV3 = OrdersDatabase.discover(cloudMap, data.name(), "orders-db", "prod", "v3");
        List<DatabaseEndpoint> testV1 = OrdersDatabase.discover(cloudMap, data.name(), "orders-db", "test", "v1");

        assertThat(prodV2).as("prod, preferring v2").containsExactly(v2);
        assertThat(prodV3).as("prod, preferring v3, which no instance has: every prod instance")
                .containsExactlyInAnyOrder(v1, v2);
        assertThat(testV1).as("test, preferring v1, which no test instance has").containsExactly(test);
    }

    @Exercise(value = 4, title = "Run the backend as an ECS service whose tasks register themselves, and discover their IPs",
            hint = "First the Cloud Map service (createService with dnsConfig: routingPolicy MULTIVALUE, one A record with a TTL, "
                    + "and healthCheckCustomConfig so that ECS reports each task's health); then ECS's createService with "
                    + "serviceRegistries(r -> r.registryArn(cloudMapService.arn())). ECS registers each task under its id while it "
                    + "is ACTIVATING, before it is RUNNING, with the attribute AWS_INSTANCE_IPV4.")
    void registersTheBackend(Backend backend, EcsClient ecs, EcsWaiter waiter, ServiceDiscoveryClient cloudMap) {
        LabNamespace shop = lab.privateNamespace("discover");
        String cluster = lab.cluster("shop");
        String taskDefinition = lab.registerBackend(backend.uniqueName("backend"));
        lab.track(cluster, LabCloudMap.BACKEND);

        Service registry = BackendService.create(ecs, cloudMap, shop.id(), cluster, LabCloudMap.BACKEND, taskDefinition,
                backend.defaultSubnets());

        assertThat(registry).as("the Cloud Map service you returned").isNotNull();
        assertThat(registry.name()).isEqualTo(LabCloudMap.BACKEND);
        assertThat(registry.dnsConfig().dnsRecords()).extracting(r -> r.type()).containsExactly(RecordType.A);
        assertThat(registry.healthCheckCustomConfig()).as("ECS keeps the instances' health").isNotNull();
        waiter.waitUntilServicesStable(r -> r.cluster(cluster).services(LabCloudMap.BACKEND));
        assertThat(ecs.describeServices(r -> r.cluster(cluster).services(LabCloudMap.BACKEND)).services().get(0)
                .serviceRegistries()).singleElement().satisfies(r -> assertThat(r.registryArn()).isEqualTo(registry.arn()));
        List<String> running = lab.runningIps(cluster, LabCloudMap.BACKEND);
        List<String> discovered = lab.until(() -> BackendService.discoverIps(cloudMap, shop.name(), LabCloudMap.BACKEND),
                ips -> ips.size() == running.size() && ips.containsAll(running));
        assertThat(discovered).as("the IPs you discovered, once ECS registered its tasks").hasSize(BackendService.DESIRED_COUNT)
                .containsExactlyInAnyOrderElementsOf(running);
        assertThat(lab.discovered(shop.name(), LabCloudMap.BACKEND)).allSatisfy(instance -> assertThat(instance.attributes())
                .containsEntry("ECS_CLUSTER_NAME", cluster).containsEntry("ECS_SERVICE_NAME", LabCloudMap.BACKEND));
    }

    @Exercise(value = 5, title = "Stop one backend task and discover the new IP: never hard-code an address",
            hint = "Describe the tasks before you stop one: stopTask, waiter.waitUntilTasksStopped, then "
                    + "waiter.waitUntilServicesStable until the scheduler's replacement runs. ECS has deregistered the old task "
                    + "and registered the new one in Cloud Map, but Cloud Map takes a few seconds more: Poll.until discovery "
                    + "answers exactly the running tasks' IPs (task.containers().get(0).networkInterfaces()).")
    void followsAReplacedTask(EcsClient ecs, EcsWaiter waiter, ServiceDiscoveryClient cloudMap) {
        LabNamespace shop = lab.privateNamespace("replace");
        String cluster = lab.cluster("shop");
        lab.createBackend(shop, cluster);
        Task victim = lab.runningTasks(cluster, LabCloudMap.BACKEND).get(0);

        List<String> ips = BackendService.replaceTask(ecs, waiter, cloudMap, cluster, LabCloudMap.BACKEND, shop.name(),
                victim.taskArn(), lab.poll());

        List<String> running = lab.runningIps(cluster, LabCloudMap.BACKEND);
        assertThat(ips).as("the backend's IPs you discovered after the replacement").isNotNull()
                .hasSize(BackendService.DESIRED_COUNT).doesNotContain(LabCloudMap.privateIp(victim))
                .containsExactlyInAnyOrderElementsOf(running);
        assertThat(lab.discoveredIps(shop.name(), LabCloudMap.BACKEND)).containsExactlyInAnyOrderElementsOf(running);
    }

    @Exercise(value = 6, title = "Mark an instance unhealthy and see discovery skip it",
            hint = "updateInstanceCustomHealthStatus(serviceId, instanceId, CustomHealthStatus.UNHEALTHY) works on a service "
                    + "with healthCheckCustomConfig. It starts no operation: Cloud Map applies it about 30 seconds later, so "
                    + "Poll.until discoverInstances with healthStatus(HealthStatusFilter.HEALTHY) no longer lists the instance.")
    void skipsAnUnhealthyInstance(ServiceDiscoveryClient cloudMap) {
        LabNamespace data = lab.httpNamespace("health");
        Service inventory = lab.apiService(data, "inventory-db", true);
        lab.registerByHand(inventory.id(), Map.of(
                "inventory-db-1", Map.of("AWS_INSTANCE_IPV4", "10.0.3.21", "AWS_INSTANCE_PORT", "5432"),
                "inventory-db-2", Map.of("AWS_INSTANCE_IPV4", "10.0.3.22", "AWS_INSTANCE_PORT", "5432")));

        List<String> healthy = CustomHealth.markUnhealthy(cloudMap, data.name(), "inventory-db", inventory.id(),
                "inventory-db-1", lab.poll());

        assertThat(healthy).as("the instances discovery still hands out").containsExactly("inventory-db-2");
        assertThat(cloudMap.getInstancesHealthStatus(r -> r.serviceId(inventory.id())).statusAsStrings())
                .containsEntry("inventory-db-1", "UNHEALTHY").containsEntry("inventory-db-2", "HEALTHY");
        assertThat(cloudMap.discoverInstances(r -> r.namespaceName(data.name()).serviceName("inventory-db")
                .healthStatus(HealthStatusFilter.ALL)).instances()).extracting(HttpInstanceSummary::instanceId)
                .as("still registered, only left out").containsExactlyInAnyOrder("inventory-db-1", "inventory-db-2");
    }

    @Exercise(value = 7, title = "Resolve the backend's name through DNS, as the frontend would",
            hint = "With dnsjava: new Lookup(Name.fromString(name, Name.root), Type.A), setResolver(new SimpleResolver(dnsServer)), "
                    + "and setCache(null) so that no earlier answer is reused; run() answers Record[] (ARecord's getAddress()), "
                    + "or null with getResult() HOST_NOT_FOUND for a name that doesn't exist: answer an empty list then.")
    void resolvesTheBackend(Backend backend) {
        InetSocketAddress dnsServer = backend.dnsServer().orElse(null);
        Assumptions.assumeTrue(dnsServer != null, "No DNS server answers this backend's private names here: on AWS they "
                + "resolve only inside the VPC (run with -Dlabs.dnsServer=169.254.169.253:53 from an instance in it), and "
                + "./lab start's emulator runs its DNS server unless its port was taken (start it with --dns-port 8053).");
        LabNamespace shop = lab.privateNamespace("dns");
        String cluster = lab.cluster("shop");
        lab.createBackend(shop, cluster);

        List<String> answered = BackendService.resolve(dnsServer, LabCloudMap.BACKEND + "." + shop.name());
        List<String> unknown = BackendService.resolve(dnsServer, "payments." + shop.name());

        assertThat(answered).as("the addresses DNS answered for " + LabCloudMap.BACKEND + "." + shop.name())
                .containsExactlyInAnyOrderElementsOf(lab.runningIps(cluster, LabCloudMap.BACKEND));
        assertThat(unknown).as("a name nobody registered").isEmpty();
    }

    @Exercise(value = 8, title = "Tear the backend down in the order AWS requires",
            hint = "Each step refuses while the next one's thing is in use: scale the ECS service to 0, delete it and "
                    + "waitUntilServicesInactive; ECS deregisters its tasks, but a Cloud Map service with instances left is "
                    + "ResourceInUse, so Poll.until listInstances is empty; then deleteService, then deleteNamespace and wait "
                    + "for its operation.")
    void tearsDown(EcsClient ecs, EcsWaiter waiter, ServiceDiscoveryClient cloudMap) {
        LabNamespace shop = lab.privateNamespace("teardown");
        String cluster = lab.cluster("shop");
        Service registry = lab.createBackend(shop, cluster);

        TearDown.tearDown(ecs, waiter, cloudMap, cluster, LabCloudMap.BACKEND, registry.id(), shop.id(), lab.poll());

        assertThat(ecs.describeServices(r -> r.cluster(cluster).services(LabCloudMap.BACKEND)).services().get(0).status())
                .isEqualTo("INACTIVE");
        assertThatThrownBy(() -> cloudMap.getService(r -> r.id(registry.id()))).isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> cloudMap.getNamespace(r -> r.id(shop.id()))).isInstanceOf(NamespaceNotFoundException.class);
    }

    private static Map<String, String> attributes(DatabaseEndpoint database) {
        return Map.of("AWS_INSTANCE_IPV4", database.address(), "AWS_INSTANCE_PORT", String.valueOf(database.port()),
                "version", database.version(), "stage", database.stage());
    }
}
