package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.RunTaskApiTest.item;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.describe;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * The Fargate Spot interruption switch: "When AWS needs the capacity back, your tasks are
 * interrupted with a two-minute warning"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html).
 */
@EmulatorTest(account = FargateSpotTest.ACCOUNT, scope = EmulatorTest.Scope.EACH_TEST)
class FargateSpotTest {
    static final String CLUSTER = "mixed";
    static final String ACCOUNT = "123456789012";

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;
    List<Task> tasks;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(item("FARGATE", 1, 0), item("FARGATE_SPOT", 0, 1)));
        register(ecs, "web", web());
        tasks = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("web").count(3)
                .networkConfiguration(TaskFixtures.defaultVpc())).tasks();
        clock.advance(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("Interrupting a cluster's Spot capacity stops its FARGATE_SPOT tasks with SpotInterruption; FARGATE tasks keep running")
    void interruptsSpotTasks() {
        List<String> interrupted = emulator.fargate().interruptSpotTasks(ACCOUNT, "us-east-1", CLUSTER);
        clock.advance(Duration.ofMinutes(1));

        assertThat(interrupted).hasSize(2);
        for (Task task : tasks) {
            Task now = describe(ecs, CLUSTER, task.taskArn());
            if (task.capacityProviderName().equals("FARGATE_SPOT")) {
                assertThat(now.lastStatus()).isEqualTo("STOPPED");
                assertThat(now.stopCode()).isEqualTo(TaskStopCode.SPOT_INTERRUPTION);
                assertThat(now.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");
            } else {
                assertThat(now.lastStatus()).isEqualTo("RUNNING");
            }
        }
        assertThat(emulator.fargate().interruptSpotTasks(ACCOUNT, "us-east-1", CLUSTER)).as("nothing left to interrupt")
                .isEmpty();
    }

    @Test
    @DisplayName("The switch answers over HTTP too: POST /_emulator/fargate-spot/interruptions")
    void interruptsOverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(SignedRequests.signed("POST", URI.create(emulator.url()
                        + FargateSpotRoute.PATH + "?cluster=" + CLUSTER), ACCOUNT, "secret", "us-east-1").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"interruptedTasks\":[\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/mixed/");
        clock.advance(Duration.ofMinutes(1));
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).hasSize(1);
    }
}
