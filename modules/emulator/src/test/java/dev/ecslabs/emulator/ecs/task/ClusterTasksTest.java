package dev.ecslabs.emulator.ecs.task;

import static dev.ecslabs.emulator.ecs.task.TaskFixtures.register;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.run;
import static dev.ecslabs.emulator.ecs.task.TaskFixtures.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/** A cluster's task counts follow its tasks, and a cluster with tasks can't be deleted. */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class ClusterTasksTest {
    static final String CLUSTER = "busy";

    ManualClock clock;
    Emulator emulator;
    EcsClient ecs;

    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        register(ecs, "web", web());
    }

    @Test
    @DisplayName("pendingTasksCount counts tasks on their way to RUNNING, runningTasksCount those RUNNING until STOPPED, in the statistics too")
    void countsFollowTheTasks() {
        Task first = run(ecs, CLUSTER, "web");
        run(ecs, CLUSTER, "web");

        Cluster starting = cluster();
        clock.advance(Duration.ofSeconds(30));
        Cluster running = cluster();
        ecs.stopTask(r -> r.cluster(CLUSTER).task(first.taskArn()));
        clock.advance(Duration.ofSeconds(5));
        Cluster stopping = cluster();
        clock.advance(Duration.ofMinutes(1));
        Cluster afterStop = cluster();

        assertThat(starting.pendingTasksCount()).isEqualTo(2);
        assertThat(starting.runningTasksCount()).isZero();
        assertThat(running.pendingTasksCount()).isZero();
        assertThat(running.runningTasksCount()).isEqualTo(2);
        assertThat(stopping.runningTasksCount()).as("a task still stopping still counts").isEqualTo(2);
        assertThat(afterStop.runningTasksCount()).isEqualTo(1);
        assertThat(statistics(afterStop)).containsEntry("runningFargateTasksCount", "1")
                .containsEntry("pendingFargateTasksCount", "0");
    }

    @Test
    @DisplayName("DeleteCluster refuses a cluster whose tasks are not all STOPPED with ClusterContainsTasksException, and deletes it after")
    void deleteWaitsForTasks() {
        Task task = run(ecs, CLUSTER, "web");
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster(CLUSTER)))
                .isInstanceOf(ClusterContainsTasksException.class)
                .hasMessageContaining("The Cluster cannot be deleted while Tasks are active.");
        assertThat(cluster().status()).isEqualTo("ACTIVE");
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()));
        clock.advance(Duration.ofMinutes(1));

        assertThat(ecs.deleteCluster(r -> r.cluster(CLUSTER)).cluster().status()).isEqualTo("INACTIVE");
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks())
                .as("a deleted cluster's stopped tasks stay describable").hasSize(1);
    }

    private Cluster cluster() {
        return ecs.describeClusters(r -> r.clusters(CLUSTER).include(ClusterField.STATISTICS)).clusters().get(0);
    }

    private static Map<String, String> statistics(Cluster cluster) {
        return cluster.statistics().stream().collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
    }
}
