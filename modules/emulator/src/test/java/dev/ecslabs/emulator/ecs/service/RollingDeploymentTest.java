package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.messagesOldestFirst;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerCheckedWeb;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Rolling updates as the ECS developer guide describes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html): the
 * counts are sampled every second of a rollout, through the SDK, and the tasks that count as
 * healthy never drop below desiredCount × minimumHealthyPercent (rounded up) while those RUNNING
 * or PENDING never exceed desiredCount × maximumPercent (rounded down).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class RollingDeploymentTest {
    static final String CLUSTER = "rolling";
    static final int DESIRED = 4;
    ManualClock clock;
    EcsClient ecs;

    String v1;
    String v2;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        v1 = registerCheckedWeb(ecs, "web");
        v2 = registerCheckedWeb(ecs, "web");
    }

    /** What one sample of the rollout saw. */
    record Sample(long second, int live, int healthy, int deployments, int serviceRunning, int servicePending) {
    }

    @Test
    @DisplayName("minimumHealthyPercent 100, maximumPercent 200: four new tasks start beside the four old ones, which stop once the new are healthy")
    void rollsOutWithTheDefaults() {
        Service created = create(ecs, CLUSTER, "web", v1, DESIRED, r -> r.deploymentConfiguration(d -> d
                .minimumHealthyPercent(100).maximumPercent(200)));
        clock.advance(Duration.ofMinutes(2));
        String oldId = primary(created).id();

        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2)).service();
        List<Sample> samples = sampleUntilCompleted("web");

        assertThat(updated.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        Deployment rolling = updated.deployments().get(0);
        assertThat(rolling.taskDefinition()).isEqualTo(v2);
        assertThat(rolling.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(updated.deployments().get(1).taskDefinition()).isEqualTo(v1);
        assertThat(updated.deployments().get(1).rolloutStateAsString()).isEqualTo("COMPLETED");
        assertThat(updated.taskDefinition()).isEqualTo(v2);
        assertThat(samples).as("the floor: 4 × 100% healthy").allSatisfy(s -> assertThat(s.healthy()).isGreaterThanOrEqualTo(4));
        assertThat(samples).as("the ceiling: 4 × 200% RUNNING or PENDING").allSatisfy(s -> assertThat(s.live()).isLessThanOrEqualTo(8));
        assertThat(samples.stream().mapToInt(Sample::live).max().orElseThrow()).as("the rollout used its room").isEqualTo(8);
        assertThat(samples).as("DescribeServices' own counts stay within the ceiling too")
                .allSatisfy(s -> assertThat(s.serviceRunning() + s.servicePending()).isLessThanOrEqualTo(8));
        Service done = describe(ecs, CLUSTER, "web");
        assertThat(done.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(rolling.id());
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
            assertThat(d.runningCount()).isEqualTo(DESIRED);
        });
        assertThat(tasks(ecs, CLUSTER, "web", "STOPPED")).hasSize(4).allSatisfy(task -> {
            assertThat(task.startedBy()).isEqualTo(oldId);
            assertThat(task.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment " + rolling.id() + ")");
        });
        assertThat(messagesOldestFirst(done)).endsWith("(service web) (deployment " + rolling.id() + ") deployment completed.",
                "(service web) has reached a steady state.");
    }

    @Test
    @DisplayName("minimumHealthyPercent 50, maximumPercent 100: two old tasks stop first, and the rollout never runs more than four")
    void rollsOutWithinTheCurrentCapacity() {
        create(ecs, CLUSTER, "web", v1, DESIRED, r -> r.deploymentConfiguration(d -> d
                .minimumHealthyPercent(50).maximumPercent(100)));
        clock.advance(Duration.ofMinutes(2));

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v2));
        List<Sample> samples = sampleUntilCompleted("web");

        assertThat(samples).as("the floor: 4 × 50% healthy").allSatisfy(s -> assertThat(s.healthy()).isGreaterThanOrEqualTo(2));
        assertThat(samples).as("the ceiling: 4 × 100%").allSatisfy(s -> assertThat(s.live()).isLessThanOrEqualTo(4));
        assertThat(samples.stream().mapToInt(Sample::healthy).min().orElseThrow()).as("it went down to the floor").isEqualTo(2);
        assertThat(describe(ecs, CLUSTER, "web").runningCount()).isEqualTo(DESIRED);
    }

    @Test
    @DisplayName("forceNewDeployment replaces every task with a new deployment of the same task definition")
    void forcesANewDeployment() {
        Service created = create(ecs, CLUSTER, "web", v1, 2, r -> { });
        clock.advance(Duration.ofMinutes(2));
        List<String> before = tasks(ecs, CLUSTER, "web", "RUNNING").stream().map(Task::taskArn).toList();

        Service forced = ecs.updateService(r -> r.cluster(CLUSTER).service("web").forceNewDeployment(true)).service();
        sampleUntilCompleted("web");
        List<String> after = tasks(ecs, CLUSTER, "web", "RUNNING").stream().map(Task::taskArn).toList();

        assertThat(primary(forced).id()).isNotEqualTo(primary(created).id());
        assertThat(primary(forced).taskDefinition()).isEqualTo(v1);
        assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
    }

    @Test
    @DisplayName("UpdateService with only a new desiredCount or deployment configuration starts no deployment")
    void someUpdatesStartNoDeployment() {
        Service created = create(ecs, CLUSTER, "web", v1, 2, r -> { });
        clock.advance(Duration.ofMinutes(2));

        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(3)
                .deploymentConfiguration(d -> d.minimumHealthyPercent(50)).healthCheckGracePeriodSeconds(30)).service();

        assertThat(updated.deployments()).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(primary(created).id()));
        assertThat(updated.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(50);
        assertThat(updated.deploymentConfiguration().maximumPercent()).as("kept").isEqualTo(200);
        assertThat(updated.healthCheckGracePeriodSeconds()).isEqualTo(30);
    }

    /** Samples the service every second of emulated time until its only deployment is COMPLETED (at most 10 minutes). */
    private List<Sample> sampleUntilCompleted(String service) {
        List<Sample> samples = new ArrayList<>();
        for (long second = 0; second < 600; second++) {
            clock.advance(second == 0 ? Duration.ZERO : Duration.ofSeconds(1));
            Service described = describe(ecs, CLUSTER, service);
            List<Task> live = tasks(ecs, CLUSTER, service, "RUNNING").stream()
                    .filter(t -> !"STOPPED".equals(t.lastStatus())).toList();
            int healthy = (int) live.stream()
                    .filter(t -> "RUNNING".equals(t.lastStatus()) && "HEALTHY".equals(t.healthStatusAsString())).count();
            samples.add(new Sample(second, live.size(), healthy, described.deployments().size(), described.runningCount(),
                    described.pendingCount()));
            if (described.deployments().size() == 1 && "COMPLETED".equals(primary(described).rolloutStateAsString())) {
                return samples;
            }
        }
        throw new AssertionError("The rollout did not complete in 10 minutes: " + samples.get(samples.size() - 1));
    }
}
