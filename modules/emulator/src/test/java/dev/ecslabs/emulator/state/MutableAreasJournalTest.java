package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;

/**
 * What the journal alone carries across a crash for the areas journaled resource by resource whose
 * resources a call may change in place or that the task lifecycle fills: ECS tasks and their
 * network interfaces (with each subnet's IP cursor), ECS services, Service Connect's discovery
 * services, and Cloud Map services with their instances and health. As in
 * {@link ResourceJournalTest}, the data directory is taken as a {@code kill -9} leaves it (copied
 * while the emulator runs) after calls that were answered with no checkpoint since them; a
 * checkpoint may come before (what the clock did, which is not journaled, reaches the disk with it).
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so it starts its emulators itself.
 */
class MutableAreasJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "lab";
    private static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock();
    private Emulator first;
    private ManualClock restartedClock;

    @BeforeEach
    void start() {
        first = JournalOnly.started(temp.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        first.close();
    }

    @Test
    @DisplayName("ECS tasks and network interfaces: tagged and stopped tasks keep the IPs the clock gave them after a crash, a "
            + "client token still answers the same tasks, and the next tasks get addresses none of them had")
    void tasksAndNetworkInterfaces() throws Exception {
        List<Task> started;
        try (EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            registerWeb(ecs, "web");
            List<String> arns = ecs.runTask(runWeb(r -> r.count(2).clientToken("run-once"))).tasks().stream().map(Task::taskArn).toList();
            first.persistence().orElseThrow().saveNow();
            // the clock attaches each task's network interface: not journaled by itself
            clock.advance(Duration.ofMinutes(1));
            started = ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks();
            assertThat(started).extracting(Task::lastStatus).containsOnly("RUNNING");

            ecs.tagResource(b -> b.resourceArn(arns.get(0)).tags(Tag.builder().key("kept").value("yes").build()));
            ecs.stopTask(b -> b.cluster(CLUSTER).task(arns.get(1)).reason("done with it"));
        }
        try (Emulator second = afterCrash(); EcsClient ecs = AwsClients.ecs(second)) {
            List<Task> described = ecs.describeTasks(b -> b.cluster(CLUSTER).include(TaskField.TAGS)
                    .tasks(started.get(0).taskArn(), started.get(1).taskArn())).tasks();
            assertThat(described).extracting(Task::taskArn).containsExactly(started.get(0).taskArn(), started.get(1).taskArn());
            assertThat(described.get(0).tags()).containsExactly(Tag.builder().key("kept").value("yes").build());
            assertThat(described.get(1).desiredStatus()).isEqualTo("STOPPED");
            assertThat(described.get(1).stoppedReason()).isEqualTo("done with it");
            assertThat(described).extracting(MutableAreasJournalTest::ip).containsExactly(ip(started.get(0)), ip(started.get(1)));

            assertThat(ecs.runTask(runWeb(r -> r.count(2).clientToken("run-once"))).tasks()).extracting(Task::taskArn)
                    .as("the client token is remembered across the crash")
                    .containsExactly(started.get(0).taskArn(), started.get(1).taskArn());
            List<String> next = ecs.runTask(runWeb(r -> r.count(3))).tasks().stream().map(Task::taskArn).toList();
            restartedClock.advance(Duration.ofMinutes(1));
            assertThat(ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(next)).tasks()).extracting(MutableAreasJournalTest::ip)
                    .as("addresses are not handed out again after a crash")
                    .doesNotContain(ip(started.get(0)), ip(started.get(1))).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("ECS services: a service updated in place (desired count, a new deployment) and a deleted one are found after a crash")
    void services() throws Exception {
        String revision2;
        try (EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            String revision1 = registerWeb(ecs, "web");
            createService(ecs, "web", revision1, 1, r -> { });
            createService(ecs, "gone", revision1, 1, r -> { });
            clock.advance(Duration.ofMinutes(2));
            first.persistence().orElseThrow().saveNow();

            revision2 = registerWeb(ecs, "web");
            ecs.updateService(b -> b.cluster(CLUSTER).service("web").desiredCount(3).taskDefinition(revision2));
            ecs.deleteService(b -> b.cluster(CLUSTER).service("gone").force(true));
        }
        try (Emulator second = afterCrash(); EcsClient ecs = AwsClients.ecs(second)) {
            List<Service> services = ecs.describeServices(b -> b.cluster(CLUSTER).services("web", "gone")).services();
            Service web = services.get(0);
            assertThat(web.desiredCount()).isEqualTo(3);
            assertThat(web.taskDefinition()).isEqualTo(revision2);
            assertThat(web.deployments()).extracting(d -> d.status()).startsWith("PRIMARY").hasSize(2);
            assertThat(services.get(1).status()).isIn("DRAINING", "INACTIVE");
            restartedClock.advance(Duration.ofMinutes(5));
            assertThat(ecs.describeServices(b -> b.cluster(CLUSTER).services("web")).services().get(0).runningCount())
                    .as("the restored service goes on reconciling").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("Service Connect: the Cloud Map service ECS made for a discovery name is found after a crash, and reused")
    void serviceConnect() throws Exception {
        String discoveryArn;
        try (EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER).serviceConnectDefaults(d -> d.namespace("shop")));
            clock.advance(Duration.ofSeconds(10));
            String backend = ecs.registerTaskDefinition(b -> b.family("api").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(c -> c.name("api")
                            .image(NGINX).portMappings(p -> p.containerPort(80).name("http")))).taskDefinition().taskDefinitionArn();
            first.persistence().orElseThrow().saveNow();

            Service created = createService(ecs, "api", backend, 1, r -> r.serviceConnectConfiguration(ServiceConnectConfiguration.builder()
                    .enabled(true).services(s -> s.portName("http").discoveryName("backend")
                            .clientAliases(a -> a.dnsName("backend").port(8080))).build()));
            discoveryArn = created.deployments().get(0).serviceConnectResources().get(0).discoveryArn();
        }
        try (Emulator second = afterCrash(); EcsClient ecs = AwsClients.ecs(second);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            String id = discoveryArn.substring(discoveryArn.lastIndexOf('/') + 1);
            assertThat(cloudMap.getService(b -> b.id(id)).service().name()).isEqualTo("backend");
            ecs.updateService(b -> b.cluster(CLUSTER).service("api").desiredCount(2));
            restartedClock.advance(Duration.ofMinutes(3));
            Service api = ecs.describeServices(b -> b.cluster(CLUSTER).services("api")).services().get(0);
            assertThat(api.deployments().get(0).serviceConnectResources()).extracting(r -> r.discoveryArn())
                    .as("the same Cloud Map service, not a second one").containsExactly(discoveryArn);
            assertThat(cloudMap.listServices().services()).extracting(s -> s.name()).containsExactly("backend");
            assertThat(cloudMap.listInstances(b -> b.serviceId(id)).instances()).hasSize(2);
        }
    }

    @Test
    @DisplayName("Cloud Map services: a created one, its attributes, an instance's custom health on its way, and a deleted one survive a crash")
    void cloudMapServices() throws Exception {
        String kept;
        String gone;
        try (ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            String namespace = cloudMap.createHttpNamespace(b -> b.name("shop")).operationId();
            clock.advance(Duration.ofMinutes(1));
            String namespaceId = cloudMap.getOperation(b -> b.operationId(namespace)).operation().targetsAsStrings().get("NAMESPACE");
            kept = cloudMap.createService(b -> b.name("api").namespaceId(namespaceId).healthCheckCustomConfig(c -> { }))
                    .service().id();
            cloudMap.registerInstance(b -> b.serviceId(kept).instanceId("api-1").attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.1")));
            clock.advance(Duration.ofMinutes(1));
            first.persistence().orElseThrow().saveNow();

            cloudMap.updateInstanceCustomHealthStatus(b -> b.serviceId(kept).instanceId("api-1").status(CustomHealthStatus.UNHEALTHY));
            cloudMap.updateServiceAttributes(b -> b.serviceId(kept).attributes(Map.of("team", "shop")));
            gone = cloudMap.createService(b -> b.name("gone").namespaceId(namespaceId)).service().id();
            cloudMap.deleteService(b -> b.id(gone));
        }
        try (Emulator second = afterCrash(); ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(second)) {
            assertThat(cloudMap.listServices().services()).extracting(s -> s.id()).containsExactly(kept);
            assertThat(cloudMap.getServiceAttributes(b -> b.serviceId(kept)).serviceAttributes().attributes())
                    .containsEntry("team", "shop");
            restartedClock.advance(Duration.ofMinutes(1));
            assertThat(cloudMap.getInstancesHealthStatus(b -> b.serviceId(kept)).status())
                    .as("the custom health change asked for before the crash").containsEntry("api-1", HealthStatus.UNHEALTHY);
        }
    }

    @Test
    @DisplayName("A call that only reads services and tasks writes no record: Describe, List, Get and Discover calls")
    void readsOfMutableResourcesWriteNothing() throws Exception {
        try (EcsClient ecs = AwsClients.ecs(first); ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            String web = registerWeb(ecs, "web");
            createService(ecs, "web", web, 1, r -> { });
            String namespace = cloudMap.createHttpNamespace(b -> b.name("shop")).operationId();
            clock.advance(Duration.ofMinutes(2));
            assertThat(cloudMap.getOperation(b -> b.operationId(namespace)).operation().status()).isEqualTo(OperationStatus.SUCCESS);
            String namespaceId = cloudMap.getOperation(b -> b.operationId(namespace)).operation().targetsAsStrings().get("NAMESPACE");
            String api = cloudMap.createService(b -> b.name("api").namespaceId(namespaceId)).service().id();
            cloudMap.registerInstance(b -> b.serviceId(api).instanceId("api-1").attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.1")));
            clock.advance(Duration.ofMinutes(1));
            int records = JournalOnly.records(temp.resolve("data")).size();

            ecs.describeServices(b -> b.cluster(CLUSTER).services("web"));
            ecs.listServices(b -> b.cluster(CLUSTER));
            List<String> tasks = ecs.listTasks(b -> b.cluster(CLUSTER)).taskArns();
            ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(tasks));
            ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("web"));
            cloudMap.getService(b -> b.id(api));
            cloudMap.listServices();
            cloudMap.listInstances(b -> b.serviceId(api));
            cloudMap.getInstancesHealthStatus(b -> b.serviceId(api));
            cloudMap.discoverInstances(b -> b.namespaceName("shop").serviceName("api"));
            assertThat(JournalOnly.records(temp.resolve("data"))).as("records after calls that only read").hasSize(records);

            ecs.updateService(b -> b.cluster(CLUSTER).service("web").desiredCount(2));
            List<JsonNode> after = JournalOnly.records(temp.resolve("data"));
            assertThat(after).as("an update in place is journaled").hasSize(records + 1);
            JsonNode services = after.get(after.size() - 1).path("accountRegions").path(0).path("resources").path("ecs/services");
            assertThat(services.size()).as("the one service changed").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("A journaled task that can't be read back sets the tasks area aside alone: the cluster and the task definition "
            + "journaled beside it are restored, and the report names the area")
    void aBadTaskRecordSetsAsideItsAreaAlone() throws Exception {
        String taskArn;
        try (EcsClient ecs = AwsClients.ecs(first)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            registerWeb(ecs, "web");
            taskArn = ecs.runTask(runWeb(r -> { })).tasks().get(0).taskArn();
        }
        Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
        for (Path file : Journal.files(crashed)) {
            List<String> rewritten = new ArrayList<>();
            for (byte[] record : JournalRecords.read(Files.readAllBytes(file)).records()) {
                JsonNode json = JSON.readTree(record);
                for (JsonNode region : json.path("accountRegions")) {
                    region.path("resources").path("ecs/tasks").properties().forEach(task -> {
                        if (task.getKey().startsWith("task/")) {
                            ((com.fasterxml.jackson.databind.node.ObjectNode) task.getValue().path("task")).put("lastStatus", "SLEEPING");
                        }
                    });
                }
                rewritten.add(JSON.writeValueAsString(json));
            }
            Files.write(file, JournalRecordsTest.file(rewritten));
        }
        try (Emulator second = JournalOnly.started(crashed, new ManualClock(clock.now())); EcsClient ecs = AwsClients.ecs(second)) {
            assertThat(second.persistence().orElseThrow().report()).contains("ecs/tasks").contains("SLEEPING");
            assertThat(ecs.describeClusters(b -> b.clusters(CLUSTER)).clusters()).extracting(c -> c.status()).containsExactly("ACTIVE");
            assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision()).isEqualTo(1);
            assertThat(ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(taskArn)).failures()).extracting(f -> f.reason())
                    .containsExactly("MISSING");
        }
    }

    private static String ip(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow().value();
    }

    private static String registerWeb(EcsClient ecs, String family) {
        return ecs.registerTaskDefinition(b -> b.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image(NGINX).portMappings(p -> p.containerPort(80))))
                .taskDefinition().taskDefinitionArn();
    }

    private static RunTaskRequest runWeb(Consumer<RunTaskRequest.Builder> more) {
        RunTaskRequest.Builder request = RunTaskRequest.builder().cluster(CLUSTER).taskDefinition("web").launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)));
        more.accept(request);
        return request.build();
    }

    private static Service createService(EcsClient ecs, String name, String taskDefinition, int count,
                                         Consumer<software.amazon.awssdk.services.ecs.model.CreateServiceRequest.Builder> more) {
        return ecs.createService(b -> {
            b.cluster(CLUSTER).serviceName(name).taskDefinition(taskDefinition).desiredCount(count).launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)));
            more.accept(b);
        }).service();
    }

    /** A second emulator on the data directory as a kill -9 of the first would leave it now, with journal records after its checkpoint. */
    private Emulator afterCrash() throws IOException {
        Path crashed = Restarts.crashImage(temp.resolve("data"), temp.resolve("crashed"));
        restartedClock = new ManualClock(clock.now());
        Emulator second = JournalOnly.started(crashed, restartedClock);
        assertThat(second.persistence().orElseThrow().report()).contains("journal record").doesNotContain("problem");
        return second;
    }
}
