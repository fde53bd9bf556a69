package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.defaultVpc;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;

/**
 * Task sets are saved with their service: a restart of {@code ./lab start} keeps them, their
 * status, scale and tags, and the scheduler keeps running their tasks afterwards.
 *
 * <p>Not an {@code @EmulatorTest}: it restarts emulators on one data directory itself.
 */
class TaskSetPersistenceTest {
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "kept";

    @TempDir
    Path data;

    @Test
    @DisplayName("A primary task set keeps its id, status, scale, tags and tasks across a restart, and still follows UpdateTaskSet")
    void taskSetsSurvive() {
        TaskSet before;
        ManualClock clock = new ManualClock();
        try (Emulator first = Emulator.builder().clock(clock).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(first, ACCOUNT)) {
            ecs.createCluster(b -> b.clusterName(CLUSTER));
            String web = registerWeb(ecs, "web");
            ecs.createService(b -> b.cluster(CLUSTER).serviceName("web").desiredCount(4)
                    .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));
            String id = ecs.createTaskSet(b -> b.cluster(CLUSTER).service("web").taskDefinition(web)
                    .launchType(LaunchType.FARGATE).networkConfiguration(defaultVpc())
                    .scale(s -> s.value(50.0).unit(ScaleUnit.PERCENT)).tags(t -> t.key("color").value("blue")))
                    .taskSet().id();
            ecs.updateServicePrimaryTaskSet(b -> b.cluster(CLUSTER).service("web").primaryTaskSet(id));
            clock.advance(Duration.ofMinutes(2));
            before = ecs.describeTaskSets(b -> b.cluster(CLUSTER).service("web").include(TaskSetField.TAGS))
                    .taskSets().get(0);
        }

        try (Emulator second = Emulator.builder().clock(new ManualClock(clock.now())).port(0).dataDirectory(data).start();
             EcsClient ecs = AwsClients.ecs(second, ACCOUNT)) {
            ManualClock resumed = (ManualClock) second.clock();
            resumed.advance(Duration.ofMinutes(1));
            List<TaskSet> after = ecs.describeTaskSets(b -> b.cluster(CLUSTER).service("web").include(TaskSetField.TAGS))
                    .taskSets();
            assertThat(after).singleElement().isEqualTo(before);
            assertThat(after.get(0).status()).isEqualTo("PRIMARY");
            assertThat(after.get(0).stabilityStatus()).isEqualTo(StabilityStatus.STEADY_STATE);

            ecs.updateTaskSet(b -> b.cluster(CLUSTER).service("web").taskSet(before.id())
                    .scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT)));
            resumed.advance(Duration.ofMinutes(2));
            assertThat(ecs.describeTaskSets(b -> b.cluster(CLUSTER).service("web")).taskSets().get(0).runningCount())
                    .isEqualTo(4);
        }
    }
}
