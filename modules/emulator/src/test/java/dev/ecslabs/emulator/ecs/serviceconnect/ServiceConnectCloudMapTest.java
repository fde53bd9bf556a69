package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceType;

/**
 * What ECS does in Cloud Map for Service Connect, seen through the Cloud Map API: a Cloud Map
 * service per discovery name, each running task an instance, deregistered once it stops, so that
 * a rollout changes the endpoints and nothing on the client side
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts-deploy.html).
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
class ServiceConnectCloudMapTest {
    ServiceConnectFixtures fx;

    @BeforeEach
    void createCluster(Emulator emulator, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        fx = new ServiceConnectFixtures(emulator, ecs, cloudMap);
    }

    @Test
    @DisplayName("ECS creates one Cloud Map service per discovery name, of type HTTP, tagged AmazonECSManaged=true")
    void createsACloudMapServicePerDiscoveryName() {
        fx.create("api", fx.registerBackend("api"), 1, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true).services(
                s -> s.portName("http").discoveryName("backend").clientAliases(a -> a.dnsName("backend").port(8080)),
                s -> s.portName("http").discoveryName("backend-admin").clientAliases(a -> a.port(9000)))));

        Service service = fx.describe("api");
        assertThat(ServiceConnectFixtures.primary(service).serviceConnectResources())
                .extracting(r -> r.discoveryName()).containsExactly("backend", "backend-admin");
        for (String discoveryName : List.of("backend", "backend-admin")) {
            String arn = fx.discoveryArn("api", discoveryName);
            software.amazon.awssdk.services.servicediscovery.model.Service cloudMapService =
                    fx.cloudMap.getService(r -> r.id(ServiceConnectFixtures.idOf(arn))).service();
            assertThat(cloudMapService.name()).isEqualTo(discoveryName);
            assertThat(cloudMapService.type()).isEqualTo(ServiceType.HTTP);
            assertThat(cloudMapService.namespaceId()).isEqualTo(ServiceConnectFixtures.idOf(fx.namespaceArn));
            assertThat(fx.cloudMap.listTagsForResource(r -> r.resourceARN(arn)).tags())
                    .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("AmazonECSManaged=true"));
        }
    }

    @Test
    @DisplayName("Each task that runs is an instance (its task id, private IP, the container port and ECS's attributes) until it is asked to stop")
    void registersRunningTasks() {
        fx.createBackend("api", fx.registerBackend("api"), 2);
        String arn = fx.discoveryArn("api", "backend");
        assertThat(fx.instances(arn)).as("no task runs yet").isEmpty();

        fx.advance(Duration.ofMinutes(1));

        List<Task> running = fx.tasks("api", "RUNNING");
        List<InstanceSummary> instances = fx.instances(arn);
        assertThat(instances).extracting(InstanceSummary::id)
                .containsExactlyInAnyOrderElementsOf(running.stream().map(t -> ServiceConnectFixtures.idOf(t.taskArn())).toList());
        Task task = running.get(0);
        Map<String, String> attributes = instances.stream().filter(i -> i.id().equals(ServiceConnectFixtures.idOf(task.taskArn())))
                .findFirst().orElseThrow().attributes();
        assertThat(attributes).containsEntry("AWS_INSTANCE_IPV4", privateIp(task)).containsEntry("AWS_INSTANCE_PORT", "80")
                .containsEntry("AVAILABILITY_ZONE", task.availabilityZone()).containsEntry("REGION", "us-east-1")
                .containsEntry("ECS_SERVICE_NAME", "api").containsEntry("ECS_CLUSTER_NAME", ServiceConnectFixtures.CLUSTER)
                .containsEntry("ECS_TASK_DEFINITION_FAMILY", "api");

        fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api").desiredCount(0));
        fx.advance(Duration.ofMinutes(2));

        assertThat(fx.tasks("api", "RUNNING")).isEmpty();
        assertThat(fx.instances(arn)).as("every task deregistered").isEmpty();
    }

    @Test
    @DisplayName("A task is registered while ACTIVATING and RUNNING only once its instance can be listed, as ECS creates service discovery resources during ACTIVATING")
    void registersBeforeRunning() {
        fx.createBackend("api", fx.registerBackend("api"), 1);
        String arn = fx.discoveryArn("api", "backend");
        List<String> seen = new ArrayList<>();
        for (int second = 0; second < 40; second++) {
            fx.advance(Duration.ofSeconds(1));
            for (Task task : fx.tasks("api", "RUNNING")) {
                boolean listed = fx.instances(arn).stream().anyMatch(i -> i.id().equals(ServiceConnectFixtures.idOf(task.taskArn())));
                seen.add(task.lastStatus() + (listed ? " listed" : ""));
            }
        }

        assertThat(seen).contains("ACTIVATING", "RUNNING listed").doesNotContain("RUNNING");
    }

    @Test
    @DisplayName("ingressPortOverride is the port registered for the tasks: the one their proxy listens on")
    void registersTheIngressPort() {
        fx.create("api", fx.registerBackend("api"), 1, r -> r.serviceConnectConfiguration(sc -> sc.enabled(true)
                .services(s -> s.portName("http").ingressPortOverride(15000).clientAliases(a -> a.port(8080)))));
        fx.advance(Duration.ofMinutes(1));

        assertThat(fx.instances(fx.discoveryArn("api", "http"))).singleElement()
                .satisfies(i -> assertThat(i.attributes()).containsEntry("AWS_INSTANCE_PORT", "15000"));
    }

    @Test
    @DisplayName("A service registry beside Service Connect is accepted (a way to DNS names for what is outside ECS, "
            + "containers-roadmap#2374): each task is registered in both Cloud Map services")
    void registersInAServiceRegistryToo() {
        String namespaceId = ServiceConnectFixtures.idOf(fx.namespaceArn);
        String registry = fx.cloudMap.createService(r -> r.name("orders").namespaceId(namespaceId)).service().arn();
        fx.create("api", fx.registerBackend("api"), 1, r -> r.serviceConnectConfiguration(ServiceConnectFixtures.backendConnect())
                .serviceRegistries(sr -> sr.registryArn(registry)));
        fx.advance(Duration.ofMinutes(1));

        String taskId = ServiceConnectFixtures.idOf(fx.tasks("api", "RUNNING").get(0).taskArn());
        assertThat(fx.instances(fx.discoveryArn("api", "backend"))).extracting(InstanceSummary::id).containsExactly(taskId);
        assertThat(fx.instances(registry)).extracting(InstanceSummary::id).containsExactly(taskId);
    }

    @Test
    @DisplayName("A rollout of the backend replaces its instances with the new revision's tasks, and a frontend that reaches it by name stays healthy throughout")
    void aRolloutKeepsTheEndpointsCurrent() {
        String v1 = fx.registerBackend("api");
        String v2 = fx.registerBackend("api");
        fx.createBackend("api", v1, 2);
        fx.advance(Duration.ofMinutes(2));
        fx.createFrontend("web", fx.registerFrontend("web"), 1);
        fx.advance(Duration.ofMinutes(2));
        String arn = fx.discoveryArn("api", "backend");
        Set<String> before = ids(fx.instances(arn));
        String frontendTask = fx.tasks("web", "RUNNING").get(0).taskArn();

        fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api").taskDefinition(v2));
        List<String> frontendHealth = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int second = 0; second < 300 && fx.describe("api").deployments().size() > 1; second += 5) {
            fx.advance(Duration.ofSeconds(5));
            seen.addAll(ids(fx.instances(arn)));
            frontendHealth.add(fx.ecs.describeTasks(r -> r.cluster(ServiceConnectFixtures.CLUSTER).tasks(frontendTask))
                    .tasks().get(0).healthStatusAsString());
        }
        fx.advance(Duration.ofMinutes(1));

        Set<String> after = ids(fx.instances(arn));
        assertThat(fx.describe("api").deployments()).singleElement()
                .satisfies(d -> assertThat(d.taskDefinition()).isEqualTo(v2));
        assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before)
                .containsExactlyInAnyOrderElementsOf(ids(fx.tasks("api", "RUNNING")));
        assertThat(seen).as("old and new instances were there during the rollout").containsAll(before).containsAll(after);
        assertThat(frontendHealth).as("the frontend's health through the rollout").isNotEmpty().containsOnly("HEALTHY");
        assertThat(fx.tasks("web", "RUNNING")).extracting(Task::taskArn).as("the same frontend task, untouched")
                .containsExactly(frontendTask);
    }

    @Test
    @DisplayName("In a namespace a new cluster is still creating, the Cloud Map service is created once the namespace exists, before the first task registers")
    void waitsForANewNamespace() {
        fx.ecs.createCluster(r -> r.clusterName("fresh").serviceConnectDefaults(d -> d.namespace("fresh")));
        fx.ecs.createService(fx.fargate("api", fx.registerBackend("api"), 1).cluster("fresh")
                .serviceConnectConfiguration(ServiceConnectFixtures.backendConnect()).build());

        Service now = fx.ecs.describeServices(r -> r.cluster("fresh").services("api")).services().get(0);
        assertThat(ServiceConnectFixtures.primary(now).serviceConnectResources()).singleElement()
                .satisfies(r -> assertThat(r.discoveryArn()).as("no Cloud Map service while the namespace is created").isNull());

        fx.advance(Duration.ofMinutes(1));

        Service later = fx.ecs.describeServices(r -> r.cluster("fresh").services("api")).services().get(0);
        String arn = ServiceConnectFixtures.primary(later).serviceConnectResources().get(0).discoveryArn();
        assertThat(arn).isNotNull();
        assertThat(fx.instances(arn)).hasSize(1);
    }

    private static Set<String> ids(List<?> instancesOrTasks) {
        Set<String> ids = new HashSet<>();
        for (Object item : instancesOrTasks) {
            ids.add(item instanceof Task task ? ServiceConnectFixtures.idOf(task.taskArn()) : ((InstanceSummary) item).id());
        }
        return ids;
    }

    private static String privateIp(Task task) {
        return task.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow().value();
    }
}
