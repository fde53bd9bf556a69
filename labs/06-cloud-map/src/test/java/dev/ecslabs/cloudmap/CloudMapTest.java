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
            hints = {
                    "Cloud Map creates a namespace asynchronously: the call answers an operation id long before the "
                            + "namespace exists. The operation goes SUBMITTED, PENDING, then SUCCESS or FAIL.",
                    "CreatePrivateDnsNamespace (name, vpc) and CreateHttpNamespace (name) answer operationId(); "
                            + "GetOperation(operationId).operation() has status(), errorCode(), errorMessage() and targets() "
                            + "(OperationTargetType.NAMESPACE to the id). Poll.until asks again.",
                    "Operation done = Poll.until(() -> cloudMap.getOperation(r -> r.operationId(id)).operation(), op "
                            + "-> op.status() == OperationStatus.SUCCESS || op.status() == OperationStatus.FAIL, pollInterval); "
                            + "then done.targets().get(OperationTargetType.NAMESPACE) (or targetsAsStrings())"})
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
            hints = {
                    "A Cloud Map instance is anything reachable: a task, a database. You register it under an id of "
                            + "your choosing with attributes: Cloud Map's own (IP, port) and yours.",
                    "RegisterInstance: serviceId, instanceId, attributes (AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT as a "
                            + "string, plus version and stage); it answers operationId(): wait for it with your "
                            + "waitForOperation.",
                    "String op = cloudMap.registerInstance(r -> "
                            + "r.serviceId(serviceId).instanceId(db.instanceId()).attributes(Map.of(\"AWS_INSTANCE_IPV4\", ..., "
                            + "\"AWS_INSTANCE_PORT\", String.valueOf(...), \"version\", ..., \"stage\", ...))).operationId(); "
                            + "Namespaces.waitForOperation(cloudMap, op, pollInterval);"})
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
            hints = {
                    "Discovery filters instances by attributes: query parameters must all match; optional parameters "
                            + "narrow the answer if any instance matches them, else they are ignored.",
                    "DiscoverInstances: namespaceName, serviceName, queryParameters, optionalParameters; each "
                            + "HttpInstanceSummary has instanceId() and attributes().",
                    "cloudMap.discoverInstances(r -> "
                            + "r.namespaceName(ns).serviceName(svc).queryParameters(Map.of(\"stage\", "
                            + "stage)).optionalParameters(Map.of(\"version\", preferredVersion))).instances()"})
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
            hints = {
                    "ECS can register a service's tasks in Cloud Map by itself: give the service a registry. Each "
                            + "task is registered under its id while it starts, with its IP, and reported healthy or not.",
                    "Cloud Map CreateService: name, namespaceId, dnsConfig (routingPolicy MULTIVALUE, dnsRecords A "
                            + "with ttl), healthCheckCustomConfig. ECS CreateService: serviceRegistries(registryArn = the Cloud "
                            + "Map service's arn()).",
                    "Service registry = cloudMap.createService(r -> r.name(name).namespaceId(nsId).dnsConfig(d -> "
                            + "d.routingPolicy(RoutingPolicy.MULTIVALUE).dnsRecords(x -> "
                            + "x.type(RecordType.A).ttl(DNS_TTL_SECONDS))).healthCheckCustomConfig(h -> { })).service(); "
                            + "ecs.createService(r -> ... .serviceRegistries(s -> s.registryArn(registry.arn())));"})
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
            hints = {
                    "Addresses change: a replaced task gets a new IP, so clients must discover, not hard-code. Cloud "
                            + "Map follows ECS a few seconds late: ask again until discovery matches the running tasks.",
                    "StopTask, waitUntilTasksStopped, waitUntilServicesStable, then ListTasks + DescribeTasks for the "
                            + "running tasks' IPs (containers().get(0).networkInterfaces()), and Poll.until discoverIps answers "
                            + "the same set.",
                    "Set<String> expected = running tasks' privateIpv4Address()s; return Poll.until(() -> "
                            + "discoverIps(cloudMap, ns, svc), ips -> new HashSet<>(ips).equals(expected), pollInterval);"})
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
            hints = {
                    "With custom health, your code tells Cloud Map whether an instance is healthy; discovery of "
                            + "HEALTHY instances then leaves it out. Cloud Map applies the change a little later, without an "
                            + "operation.",
                    "UpdateInstanceCustomHealthStatus: serviceId, instanceId, status CustomHealthStatus.UNHEALTHY. "
                            + "DiscoverInstances with healthStatus(HealthStatusFilter.HEALTHY); Poll.until it no longer lists "
                            + "the instance.",
                    "cloudMap.updateInstanceCustomHealthStatus(r -> "
                            + "r.serviceId(serviceId).instanceId(instanceId).status(CustomHealthStatus.UNHEALTHY)); "
                            + "Poll.until(() -> ids of discoverInstances(... .healthStatus(HealthStatusFilter.HEALTHY)), ids -> "
                            + "!ids.contains(instanceId), pollInterval)"})
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
            hints = {
                    "A private DNS namespace answers DNS queries: a MULTIVALUE service's name resolves to the A "
                            + "records of its healthy instances. Don't let a cached answer hide a change.",
                    "dnsjava: new Lookup(Name.fromString(name, Name.root), Type.A); setResolver(new "
                            + "SimpleResolver(dnsServer)); setCache(null); run() answers Record[] (ARecord.getAddress()), or "
                            + "null with getResult() HOST_NOT_FOUND.",
                    "Lookup lookup = new Lookup(Name.fromString(name, Name.root), Type.A); lookup.setResolver(new "
                            + "SimpleResolver(dnsServer)); lookup.setCache(null); Record[] records = lookup.run(); return "
                            + "records == null ? List.of() : map each ((ARecord) r).getAddress().getHostAddress()."})
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
            hints = {
                    "Each thing refuses to go while the next one is in use: the ECS service holds instances in the "
                            + "Cloud Map service, which holds the namespace. Tear down from the top, waiting at each step.",
                    "ECS UpdateService desiredCount 0, DeleteService, waitUntilServicesInactive; Cloud Map "
                            + "ListInstances until empty (Poll.until), DeleteService(id), DeleteNamespace(id) answers an "
                            + "operation: waitForOperation.",
                    "ecs.updateService(... .desiredCount(0)); ecs.deleteService(...); "
                            + "waiter.waitUntilServicesInactive(...); Poll.until(() -> cloudMap.listInstances(r -> "
                            + "r.serviceId(id)).instances(), List::isEmpty, pollInterval); cloudMap.deleteService(r -> "
                            + "r.id(id)); Namespaces.waitForOperation(cloudMap, cloudMap.deleteNamespace(r -> "
                            + "r.id(nsId)).operationId(), pollInterval);"})
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
