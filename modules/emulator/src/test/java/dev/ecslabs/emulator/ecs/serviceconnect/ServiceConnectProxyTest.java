package dev.ecslabs.emulator.ecs.serviceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * The proxy container ECS adds to each task of a Service Connect service, as DescribeTasks shows
 * it on Fargate: first, named ecs-service-connect-XXXXX, without an image, HEALTHY; the task's own
 * containers start once it is healthy
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html#service-connect-concepts-proxy).
 */
@EmulatorTest(scope = EmulatorTest.Scope.EACH_TEST)
class ServiceConnectProxyTest {
    ServiceConnectFixtures fx;

    @BeforeEach
    void createCluster(Emulator emulator, EcsClient ecs, ServiceDiscoveryClient cloudMap) {
        fx = new ServiceConnectFixtures(emulator, ecs, cloudMap);
    }

    @Test
    @DisplayName("Each task carries its own proxy, listed first: ecs-service-connect- and five letters, no image, essential and HEALTHY")
    void addsTheProxy() {
        fx.createBackend("api", fx.registerBackend("api"), 2);
        fx.advance(Duration.ofMinutes(1));

        List<Task> tasks = fx.tasks("api", "RUNNING");
        assertThat(tasks).hasSize(2).allSatisfy(task -> {
            assertThat(task.containers()).hasSize(2);
            Container proxy = task.containers().get(0);
            assertThat(proxy.name()).matches("ecs-service-connect-[A-Za-z0-9]{5}");
            assertThat(proxy.image()).as("Fargate provides the proxy's image; DescribeTasks shows none").isNull();
            assertThat(proxy.imageDigest()).isNull();
            assertThat(proxy.lastStatus()).isEqualTo("RUNNING");
            assertThat(proxy.healthStatusAsString()).isEqualTo("HEALTHY");
            assertThat(task.containers().get(1).name()).isEqualTo("api");
            assertThat(task.overrides().containerOverrides()).extracting(o -> o.name()).contains(proxy.name());
        });
        assertThat(tasks.get(0).containers().get(0).name()).as("a proxy of its own per task")
                .isNotEqualTo(tasks.get(1).containers().get(0).name());
        assertThat(fx.ecs.describeTaskDefinition(r -> r.taskDefinition("api")).taskDefinition().containerDefinitions())
                .as("the task definition is unchanged").extracting(c -> c.name()).containsExactly("api");
    }

    @Test
    @DisplayName("The task's own containers start once the proxy is HEALTHY, and the task is RUNNING only then")
    void containersWaitForTheProxy() {
        fx.createBackend("api", fx.registerBackend("api"), 1);
        List<String> states = new ArrayList<>();
        for (int second = 0; second < 40; second++) {
            fx.advance(Duration.ofSeconds(1));
            List<Task> tasks = fx.tasks("api", "RUNNING");
            if (!tasks.isEmpty()) {
                Task task = tasks.get(0);
                states.add(task.containers().get(0).lastStatus() + "/" + task.containers().get(0).healthStatusAsString()
                        + " " + task.containers().get(1).lastStatus() + " " + task.lastStatus());
            }
        }

        assertThat(states).as("proxy, its health; the app container; the task").contains(
                "RUNNING/UNKNOWN PENDING PENDING", "RUNNING/HEALTHY RUNNING ACTIVATING", "RUNNING/HEALTHY RUNNING RUNNING");
        assertThat(states).doesNotContain("RUNNING/UNKNOWN RUNNING PENDING");
    }

    @Test
    @DisplayName("A deployment without Service Connect runs no proxy; turning Service Connect on deploys tasks that have one")
    void onlyServiceConnectTasksHaveAProxy() {
        fx.create("api", fx.registerBackend("api"), 1, r -> { });
        fx.advance(Duration.ofMinutes(1));
        assertThat(fx.tasks("api", "RUNNING")).singleElement()
                .satisfies(task -> assertThat(task.containers()).extracting(Container::name).containsExactly("api"));

        fx.ecs.updateService(r -> r.cluster(ServiceConnectFixtures.CLUSTER).service("api")
                .serviceConnectConfiguration(ServiceConnectFixtures.backendConnect()));
        fx.advance(Duration.ofMinutes(3));

        assertThat(fx.tasks("api", "RUNNING")).singleElement().satisfies(task -> assertThat(task.containers())
                .extracting(Container::name).hasSize(2).last().isEqualTo("api"));
    }
}
