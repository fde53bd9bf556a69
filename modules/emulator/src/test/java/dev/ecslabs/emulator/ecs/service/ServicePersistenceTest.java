package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * Services survive a restart of an emulator with a data directory ({@code ./lab start}): their
 * configuration, deployments, events and history, and their reconciliation resumes from state.
 *
 * <p>Not an {@code @EmulatorTest}: what it tests is a restart, so each test starts and stops its emulators
 * on one data directory itself.
 */
class ServicePersistenceTest {
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "kept";

    @TempDir
    Path data;

    @Test
    @DisplayName("A steady service keeps its ARN, deployment, tasks, events, tags and history across a restart, and stays steady")
    void steadyServiceSurvives() {
        Service before;
        List<ServiceEvent> eventsBefore;
        List<String> tasksBefore;
        ManualClock clock = new ManualClock();
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(first, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            create(ecs, CLUSTER, "web", registerWeb(ecs, "web"), 2, r -> r.tags(t -> t.key("team").value("web")));
            clock.advance(Duration.ofMinutes(2));
            before = describe(ecs, CLUSTER, "web");
            eventsBefore = before.events();
            tasksBefore = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns();
        }

        try (Emulator second = Emulator.builder().clock(new ManualClock(clock.now())).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(second, ACCOUNT)) {
            ManualClock resumed = (ManualClock) second.clock();
            resumed.advance(Duration.ofMinutes(2));
            Service after = ecs.describeServices(r -> r.cluster(CLUSTER).services("web").include(ServiceField.TAGS))
                    .services().get(0);

            assertThat(after.serviceArn()).isEqualTo(before.serviceArn());
            assertThat(primary(after).id()).isEqualTo(primary(before).id());
            assertThat(primary(after).rolloutStateAsString()).isEqualTo("COMPLETED");
            assertThat(after.runningCount()).isEqualTo(2);
            assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns())
                    .as("the same tasks run on: nothing was replaced").containsExactlyInAnyOrderElementsOf(tasksBefore);
            assertThat(after.events()).as("nothing new happened").isEqualTo(eventsBefore);
            assertThat(after.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=web");
            assertThat(ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("web")).serviceDeployments())
                    .extracting(ServiceDeploymentBrief::statusAsString).containsExactly("SUCCESSFUL");
            assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).activeServicesCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("A rollout under way when the emulator stopped is reconciled again at start and completes")
    void rolloutResumes() {
        ManualClock clock = new ManualClock();
        String v2;
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(first, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            create(ecs, CLUSTER, "web", registerWeb(ecs, "web"), 2, r -> { });
            clock.advance(Duration.ofMinutes(2));
            v2 = registerWeb(ecs, "web");
            ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2));
            clock.advance(Duration.ofSeconds(5));
        }

        Instant stoppedAt = clock.now();
        try (Emulator second = Emulator.builder().clock(new ManualClock(stoppedAt)).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(second, ACCOUNT)) {
            ((ManualClock) second.clock()).advance(Duration.ofMinutes(5));
            Service after = describe(ecs, CLUSTER, "web");

            assertThat(after.deployments()).singleElement().satisfies(d -> {
                assertThat(d.taskDefinition()).isEqualTo(v2);
                assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
            });
            assertThat(after.runningCount()).isEqualTo(2);
        }
    }
}
