package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.Restarts;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.network.DefaultVpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * Service Connect across a restart of {@code ./lab start}: the endpoints each task knows and the Cloud Map services ECS made are kept.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class ServiceConnectPersistenceTest {
    @TempDir
    Path data;

    @Test
    @DisplayName("After a restart the frontend's task still resolves the backend, whose new tasks register in the same Cloud Map service")
    void keepsEndpointsAcrossARestart() {
        String discoveryArn;
        String frontendTask;
        try (Emulator emulator = Restarts.start(data, new ManualClock()); EcsClient ecs = AwsClients.ecs(emulator)) {
            ManualClock clock = (ManualClock) emulator.clock();
            ecs.createCluster(r -> r.clusterName("connect").serviceConnectDefaults(d -> d.namespace("lab")));
            clock.advance(Duration.ofSeconds(10));
            create(ecs, "api", register(ecs, "api", "true"), ServiceConnectFixtures.backendConnect());
            clock.advance(Duration.ofMinutes(1));
            create(ecs, "web", register(ecs, "web", ServiceConnectFixtures.FRONTEND_CHECK), null);
            clock.advance(Duration.ofMinutes(1));
            discoveryArn = ServiceConnectFixtures.primary(ecs.describeServices(r -> r.cluster("connect").services("api"))
                    .services().get(0)).serviceConnectResources().get(0).discoveryArn();
            frontendTask = running(ecs, "web").get(0).taskArn();
            emulator.persistence().orElseThrow().saveNow();
        }

        ManualClock clock = Restarts.resumedClock(data);
        try (Emulator emulator = Restarts.start(data, clock); EcsClient ecs = AwsClients.ecs(emulator);
             ServiceDiscoveryClient cloudMap = AwsClients.cloudMap(emulator)) {
            assertThat(Restarts.report(emulator)).doesNotContain("corrupt");
            ecs.updateService(r -> r.cluster("connect").service("api").desiredCount(2));
            clock.advance(Duration.ofMinutes(2));

            assertThat(cloudMap.listInstances(r -> r.serviceId(ServiceConnectFixtures.idOf(discoveryArn))).instances())
                    .hasSize(2);
            assertThat(running(ecs, "web")).singleElement().satisfies(task -> {
                assertThat(task.taskArn()).isEqualTo(frontendTask);
                assertThat(task.healthStatusAsString()).isEqualTo("HEALTHY");
            });
        }
    }

    private static String register(EcsClient ecs, String family, String check) {
        return ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").containerDefinitions(ContainerDefinition.builder()
                        .name("app").image(ServiceConnectFixtures.NGINX).portMappings(p -> p.containerPort(80).name("http"))
                        .healthCheck(h -> h.command("CMD-SHELL", check).interval(10).retries(2)).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private static void create(EcsClient ecs, String name, String taskDefinition,
                               ServiceConnectConfiguration backend) {
        ecs.createService(r -> r.cluster("connect").serviceName(name).taskDefinition(taskDefinition).desiredCount(1)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(DefaultVpc.SUBNET_IDS)))
                .serviceConnectConfiguration(backend != null ? backend
                        : ServiceConnectConfiguration.builder().enabled(true).build()));
    }

    private static List<Task> running(EcsClient ecs, String service) {
        List<String> arns = ecs.listTasks(r -> r.cluster("connect").serviceName(service).desiredStatus("RUNNING")).taskArns();
        return ecs.describeTasks(r -> r.cluster("connect").tasks(arns)).tasks();
    }
}
