package dev.ecslabs.emulator.ecs.service.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.OperationFilter;
import software.amazon.awssdk.services.servicediscovery.model.OperationFilterName;
import software.amazon.awssdk.services.servicediscovery.model.OperationSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * ECS service discovery as the ECS developer guide describes it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html): each task
 * of a service with a service registry is a Cloud Map instance while it runs, under its task id,
 * with its private IP and the attributes ECS adds; it leaves when it is asked to stop; a custom
 * health check follows the task's health; DiscoverInstances and DNS follow replaced tasks.
 */
class ServiceRegistrationTest extends DiscoveryTestBase {
    /** PROVISIONING, image pull and ACTIVATING: a task is RUNNING 20 s after it started. */
    static final Duration TO_RUNNING = Duration.ofSeconds(20);
    /** A registration or deregistration with DNS records takes 20 s. */
    static final Duration DNS_CHANGE = Duration.ofSeconds(20);

    @Test
    @DisplayName("Each task is registered while ACTIVATING and RUNNING once registered, under its task id, with its IP and ECS's attributes, and discovered by API and DNS")
    void registersRunningTasks() {
        String namespace = unique("ns") + ".local";
        Service backend = dnsService(privateNamespace(namespace), "backend", true, RecordType.A);
        String cluster = cluster();
        String family = unique("backend");
        createService(service(cluster, "backend", register(family, web().build()), 2, backend.arn()), r -> { });

        advance(TO_RUNNING);
        assertThat(tasks(cluster, "backend", "RUNNING")).as("held ACTIVATING while ECS registers them")
                .hasSize(2).allSatisfy(task -> assertThat(task.lastStatus()).isEqualTo("ACTIVATING"));
        assertThat(instances(backend.id())).as("registering takes Cloud Map 20 s").isEmpty();
        advance(DNS_CHANGE);

        List<Task> tasks = tasks(cluster, "backend", "RUNNING");
        assertThat(tasks).as("RUNNING once registered").allSatisfy(task -> assertThat(task.lastStatus()).isEqualTo("RUNNING"));
        assertThat(instanceIds(backend.id())).containsExactlyInAnyOrderElementsOf(tasks.stream().map(DiscoveryTestBase::taskId).toList());
        for (Task task : tasks) {
            Map<String, String> attributes = cloudMap.getInstance(b -> b.serviceId(backend.id()).instanceId(taskId(task)))
                    .instance().attributes();
            assertThat(attributes).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "AWS_INSTANCE_IPV4", ip(task),
                    "AVAILABILITY_ZONE", task.availabilityZone(),
                    "REGION", "us-east-1",
                    "ECS_CLUSTER_NAME", cluster,
                    "ECS_SERVICE_NAME", "backend",
                    "ECS_TASK_DEFINITION_FAMILY", family,
                    "AWS_INIT_HEALTH_STATUS", "HEALTHY"));
        }
        List<String> ips = tasks.stream().map(DiscoveryTestBase::ip).toList();
        assertThat(discoveredIps(namespace, "backend")).containsExactlyInAnyOrderElementsOf(ips);
        assertThat(dnsAddresses("backend." + namespace)).containsExactlyInAnyOrderElementsOf(ips);
    }

    @Test
    @DisplayName("A registry with containerName and containerPort registers AWS_INSTANCE_PORT, and DNS answers SRV records with it")
    void srvRecords() {
        String namespace = unique("srv") + ".local";
        Service api = dnsService(privateNamespace(namespace), "api", false, RecordType.SRV, RecordType.A);
        String cluster = cluster();
        String taskDefinition = register(unique("api"), web().build());
        createService(service(cluster, "api", taskDefinition, 1, api.arn()), r -> r.serviceRegistries(
                ServiceRegistry.builder().registryArn(api.arn()).containerName("web").containerPort(80).build()));
        advance(TO_RUNNING.plus(DNS_CHANGE));

        Task task = tasks(cluster, "api", "RUNNING").get(0);
        assertThat(cloudMap.getInstance(b -> b.serviceId(api.id()).instanceId(taskId(task))).instance().attributes())
                .containsEntry("AWS_INSTANCE_PORT", "80").containsEntry("AWS_INSTANCE_IPV4", ip(task))
                .doesNotContainKey("AWS_INIT_HEALTH_STATUS");
        assertThat(dns("api." + namespace, Type.SRV)).singleElement().satisfies(record -> {
            SRVRecord srv = (SRVRecord) record;
            assertThat(srv.getPort()).isEqualTo(80);
            assertThat(srv.getTarget().toString()).isEqualTo(taskId(task) + ".api." + namespace + ".");
        });
        assertThat(dnsAddresses(taskId(task) + ".api." + namespace)).containsExactly(ip(task));
    }

    @Test
    @DisplayName("A task is deregistered as soon as it is asked to stop, while it is still shutting down")
    void deregisteredWhenAskedToStop() {
        String namespace = unique("stop") + ".local";
        Service backend = dnsService(privateNamespace(namespace), "backend", false, RecordType.A);
        String cluster = cluster();
        // sleep as process 1 ignores SIGTERM: the task takes its whole stopTimeout (30 s) to stop
        String slowToStop = register(unique("sleeper"), web().image("public.ecr.aws/docker/library/busybox:1.36")
                .command("sleep", "3600").portMappings(List.of()).build());
        createService(service(cluster, "backend", slowToStop, 1, backend.arn()), r -> { });
        advance(TO_RUNNING.plus(DNS_CHANGE));
        Task task = tasks(cluster, "backend", "RUNNING").get(0);
        assertThat(instanceIds(backend.id())).containsExactly(taskId(task));

        ecs.stopTask(r -> r.cluster(cluster).task(task.taskArn()).reason("going away"));

        assertThat(deregistrations(backend.id())).as("deregistration starts at StopTask").hasSize(1);
        advance(DNS_CHANGE);
        assertThat(instances(backend.id())).isEmpty();
        assertThat(describeTask(cluster, task.taskArn()).lastStatus()).as("the task is still stopping")
                .isNotEqualTo("STOPPED");
        assertThat(dns("backend." + namespace, Type.A)).isEmpty();
    }

    @Test
    @DisplayName("A replaced task comes back under a new IP, and DiscoverInstances and DNS answer it instead of the old one")
    void replacedTaskIsFollowed() {
        String namespace = unique("replace") + ".local";
        Service backend = dnsService(privateNamespace(namespace), "backend", true, RecordType.A);
        String cluster = cluster();
        createService(service(cluster, "backend", register(unique("backend"), web().build()), 1, backend.arn()), r -> { });
        advance(TO_RUNNING.plus(DNS_CHANGE));
        Task first = tasks(cluster, "backend", "RUNNING").get(0);
        assertThat(dnsAddresses("backend." + namespace)).containsExactly(ip(first));

        ecs.stopTask(r -> r.cluster(cluster).task(first.taskArn()));
        advance(Duration.ofMinutes(1));

        Task replacement = tasks(cluster, "backend", "RUNNING").get(0);
        assertThat(ip(replacement)).isNotEqualTo(ip(first));
        assertThat(instanceIds(backend.id())).containsExactly(taskId(replacement));
        assertThat(discoveredIps(namespace, "backend")).containsExactly(ip(replacement));
        assertThat(dnsAddresses("backend." + namespace)).containsExactly(ip(replacement));
    }

    @Test
    @DisplayName("During a rolling deployment old and new tasks are registered while they run, and only the new remain")
    void rollingDeployment() {
        String namespace = unique("roll") + ".local";
        Service backend = dnsService(privateNamespace(namespace), "backend", true, RecordType.A);
        String cluster = cluster();
        createService(service(cluster, "backend", register(unique("backend"), web().build()), 2, backend.arn()),
                r -> r.deploymentConfiguration(DeploymentConfiguration.builder().minimumHealthyPercent(100)
                        .maximumPercent(200).build()));
        advance(Duration.ofMinutes(2));
        Set<String> old = new HashSet<>(instanceIds(backend.id()));
        assertThat(old).hasSize(2);

        ecs.updateService(r -> r.cluster(cluster).service("backend").forceNewDeployment(true));
        int most = 0;
        Set<String> seen = new HashSet<>();
        for (int step = 0; step < 60; step++) {
            advance(Duration.ofSeconds(5));
            List<String> now = instanceIds(backend.id());
            most = Math.max(most, now.size());
            seen.addAll(now);
        }

        List<String> running = tasks(cluster, "backend", "RUNNING").stream().map(DiscoveryTestBase::taskId).toList();
        assertThat(most).as("old and new tasks side by side").isEqualTo(4);
        assertThat(running).hasSize(2).doesNotContainAnyElementsOf(old);
        assertThat(seen).containsAll(old).containsAll(running);
        assertThat(instanceIds(backend.id())).containsExactlyInAnyOrderElementsOf(running);
    }

    @Test
    @DisplayName("With a custom health check, an instance turns UNHEALTHY after its task does, and discovery leaves it out")
    void healthFollowsTheTask() {
        String namespace = unique("health") + ".local";
        String namespaceId = privateNamespace(namespace);
        Service sick = dnsService(namespaceId, "sick", true, RecordType.A);
        Service well = dnsService(namespaceId, "well", true, RecordType.A);
        String cluster = cluster();
        String failing = register(unique("sick"), web().healthCheck(HealthCheck.builder()
                .command("CMD-SHELL", "exit 1").interval(10).retries(2).build()).build());
        String passing = register(unique("well"), web().healthCheck(HealthCheck.builder()
                .command("CMD-SHELL", "curl -f http://localhost/ || exit 1").interval(10).retries(2).build()).build());
        // a long grace period keeps the scheduler from replacing the unhealthy task while the test looks at it
        createService(service(cluster, "sick", failing, 1, sick.arn()), r -> r.healthCheckGracePeriodSeconds(3600));
        createService(service(cluster, "well", passing, 1, well.arn()), r -> r.healthCheckGracePeriodSeconds(3600));
        advance(Duration.ofMinutes(2));

        Task sickTask = tasks(cluster, "sick", "RUNNING").get(0);
        assertThat(sickTask.healthStatusAsString()).isEqualTo("UNHEALTHY");
        assertThat(health(sick.id())).containsExactly(Map.entry(taskId(sickTask), "UNHEALTHY"));
        assertThat(cloudMap.discoverInstances(b -> b.namespaceName(namespace).serviceName("sick")).instances()).isEmpty();
        assertThat(cloudMap.discoverInstances(b -> b.namespaceName(namespace).serviceName("sick")
                .healthStatus(HealthStatusFilter.ALL)).instances()).hasSize(1);
        Task wellTask = tasks(cluster, "well", "RUNNING").get(0);
        assertThat(wellTask.healthStatusAsString()).isEqualTo("HEALTHY");
        assertThat(health(well.id())).containsExactly(Map.entry(taskId(wellTask), "HEALTHY"));
        assertThat(discoveredIps(namespace, "well")).containsExactly(ip(wellTask));
    }

    @Test
    @DisplayName("In an HTTP namespace without a health check, tasks are registered in 3 s and their health is left alone")
    void httpNamespace() {
        String namespace = unique("http");
        String namespaceId = httpNamespace(namespace);
        Service orders = cloudMap.createService(b -> b.name("orders").namespaceId(namespaceId)).service();
        String cluster = cluster();
        createService(service(cluster, "orders", register(unique("orders"), web().build()), 1, orders.arn()),
                r -> r.serviceRegistries(ServiceRegistry.builder().registryArn(orders.arn()).port(8080).build()));
        advance(TO_RUNNING.plus(Duration.ofSeconds(3)));

        Task task = tasks(cluster, "orders", "RUNNING").get(0);
        assertThat(cloudMap.getInstance(b -> b.serviceId(orders.id()).instanceId(taskId(task))).instance().attributes())
                .containsEntry("AWS_INSTANCE_PORT", "8080").doesNotContainKey("AWS_INIT_HEALTH_STATUS");
        assertThat(cloudMap.discoverInstances(b -> b.namespaceName(namespace).serviceName("orders")).instances())
                .singleElement().satisfies(i -> assertThat(i.healthStatusAsString()).isEqualTo("UNKNOWN"));
    }

    @Test
    @DisplayName("Deleting the ECS service deregisters its tasks; then the Cloud Map service and namespace can be deleted")
    void deletingTheServiceDeregisters() {
        String namespace = unique("delete") + ".local";
        String namespaceId = privateNamespace(namespace);
        Service backend = dnsService(namespaceId, "backend", true, RecordType.A);
        String cluster = cluster();
        createService(service(cluster, "backend", register(unique("backend"), web().build()), 2, backend.arn()), r -> { });
        advance(Duration.ofMinutes(1));
        assertThat(instances(backend.id())).hasSize(2);

        ecs.deleteService(r -> r.cluster(cluster).service("backend").force(true));
        advance(DNS_CHANGE);

        assertThat(instances(backend.id())).isEmpty();
        cloudMap.deleteService(b -> b.id(backend.id()));
        String operationId = cloudMap.deleteNamespace(b -> b.id(namespaceId)).operationId();
        advance(Duration.ofMinutes(1));
        assertThat(cloudMap.getOperation(b -> b.operationId(operationId)).operation().statusAsString()).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("UpdateService to another registry registers the new deployment's tasks there, and the old tasks leave the old one")
    void newRegistry() {
        String namespace = unique("move") + ".local";
        String namespaceId = privateNamespace(namespace);
        Service blue = dnsService(namespaceId, "blue", false, RecordType.A);
        Service green = dnsService(namespaceId, "green", false, RecordType.A);
        String cluster = cluster();
        createService(service(cluster, "app", register(unique("app"), web().build()), 1, blue.arn()), r -> { });
        advance(Duration.ofMinutes(1));
        String oldTask = instanceIds(blue.id()).get(0);

        ecs.updateService(r -> r.cluster(cluster).service("app")
                .serviceRegistries(ServiceRegistry.builder().registryArn(green.arn()).build()));
        advance(Duration.ofMinutes(3));

        String newTask = taskId(tasks(cluster, "app", "RUNNING").get(0));
        assertThat(newTask).isNotEqualTo(oldTask);
        assertThat(instances(blue.id())).isEmpty();
        assertThat(instanceIds(green.id())).containsExactly(newTask);
    }

    @Test
    @DisplayName("A task asked to stop while its registration is in progress ends up deregistered")
    void stoppedWhileRegistering() {
        String namespace = unique("race") + ".local";
        Service backend = dnsService(privateNamespace(namespace), "backend", false, RecordType.A);
        String cluster = cluster();
        createService(service(cluster, "backend", register(unique("backend"), web().build()), 1, backend.arn()), r -> { });
        advance(TO_RUNNING);
        Task task = tasks(cluster, "backend", "RUNNING").get(0);

        ecs.stopTask(r -> r.cluster(cluster).task(task.taskArn()));
        advance(DNS_CHANGE);
        assertThat(instanceIds(backend.id())).as("the registration finishes first").contains(taskId(task));
        advance(DNS_CHANGE);

        assertThat(instanceIds(backend.id())).doesNotContain(taskId(task));
    }

    private static List<OperationSummary> deregistrations(String serviceId) {
        return cloudMap.listOperations(b -> b.filters(
                OperationFilter.builder().name(OperationFilterName.SERVICE_ID).values(serviceId).build(),
                OperationFilter.builder().name(OperationFilterName.TYPE).values("DEREGISTER_INSTANCE").build()))
                .operations();
    }

    private static Map<String, String> health(String serviceId) {
        return cloudMap.getInstancesHealthStatus(b -> b.serviceId(serviceId)).statusAsStrings();
    }
}
