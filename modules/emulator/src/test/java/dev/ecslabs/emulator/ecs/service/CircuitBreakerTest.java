package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.messagesOldestFirst;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerFailingHealthCheck;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerMissingImage;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;

/**
 * The deployment circuit breaker and the service throttle logic, as the ECS developer guide
 * describes them (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-throttle-logic.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class CircuitBreakerTest {
    static final String CLUSTER = "breaker";
    ManualClock clock;
    EcsClient ecs;

    String good;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        good = registerWeb(ecs, "web");
    }

    @Test
    @DisplayName("The threshold is 0.5 × desiredCount, at least 3 and at most 200 (API_ServiceDeploymentCircuitBreaker)")
    void threshold() {
        assertThat(CircuitBreaker.threshold(1)).isEqualTo(3);
        assertThat(CircuitBreaker.threshold(6)).isEqualTo(3);
        assertThat(CircuitBreaker.threshold(7)).isEqualTo(4);
        assertThat(CircuitBreaker.threshold(10)).isEqualTo(5);
        assertThat(CircuitBreaker.threshold(400)).isEqualTo(200);
        assertThat(CircuitBreaker.threshold(5000)).isEqualTo(200);
    }

    @Test
    @DisplayName("A revision whose image doesn't exist FAILS after 3 tasks failed to start, and the service rolls back to the last COMPLETED deployment")
    void failsAndRollsBack() {
        Service created = create(ecs, CLUSTER, "web", good, 2, r -> r.deploymentConfiguration(d -> d
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        clock.advance(Duration.ofMinutes(2));
        String goodId = primary(created).id();
        String broken = registerMissingImage(ecs, "web");

        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(broken)).service();
        String brokenId = primary(updated).id();
        clock.advance(Duration.ofSeconds(36));
        Service rollingBack = describe(ecs, CLUSTER, "web");
        clock.advance(Duration.ofMinutes(2));
        Service rolledBack = describe(ecs, CLUSTER, "web");

        assertThat(rollingBack.deployments()).extracting(Deployment::id).containsExactly(goodId, brokenId);
        Deployment back = rollingBack.deployments().get(0);
        assertThat(back.status()).isEqualTo("PRIMARY");
        assertThat(back.taskDefinition()).isEqualTo(good);
        assertThat(back.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(back.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId "
                + goodId + ".");
        Deployment failed = rollingBack.deployments().get(1);
        assertThat(failed.status()).isEqualTo("ACTIVE");
        assertThat(failed.rolloutStateAsString()).isEqualTo("FAILED");
        assertThat(failed.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(failed.failedTasks()).isGreaterThanOrEqualTo(3);
        assertThat(rollingBack.taskDefinition()).as("the service is back on the good revision").isEqualTo(good);
        assertThat(rollingBack.runningCount()).as("the good tasks kept running").isEqualTo(2);

        assertThat(rolledBack.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(goodId);
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
        });
        List<String> messages = messagesOldestFirst(rolledBack);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("(service web) was unable to place a task. Reason: "
                + "CannotPullContainerError"));
        assertThat(messages).containsSubsequence(
                "(service web) (deployment " + brokenId + ") deployment failed: tasks failed to start.",
                "(service web) rolling back to deployment " + goodId + ".",
                "(service web) (deployment " + goodId + ") deployment completed.",
                "(service web) has reached a steady state.");

        List<ServiceDeploymentBrief> history = ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("web"))
                .serviceDeployments();
        assertThat(history).extracting(ServiceDeploymentBrief::statusAsString)
                .containsExactly("ROLLBACK_SUCCESSFUL", "SUCCESSFUL");
        ServiceDeployment rollback = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(
                history.get(0).serviceDeploymentArn())).serviceDeployments().get(0);
        assertThat(rollback.rollback().serviceRevisionArn()).isEqualTo(history.get(1).targetServiceRevisionArn());
        assertThat(rollback.deploymentCircuitBreaker().statusAsString()).isEqualTo("TRIGGERED");
        assertThat(rollback.deploymentCircuitBreaker().threshold()).isEqualTo(3);
        assertThat(rollback.deploymentCircuitBreaker().failureCount()).isGreaterThanOrEqualTo(3);
        assertThat(rolledBack.currentServiceDeployment()).isEqualTo(rollback.serviceDeploymentArn());
    }

    @Test
    @DisplayName("Without rollback, the FAILED deployment launches no more tasks and the old tasks keep running")
    void failsWithoutRollback() {
        create(ecs, CLUSTER, "web", good, 2, r -> r.deploymentConfiguration(d -> d
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(false))));
        clock.advance(Duration.ofMinutes(2));
        String broken = registerMissingImage(ecs, "web");

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(broken));
        clock.advance(Duration.ofMinutes(2));
        Service failed = describe(ecs, CLUSTER, "web");
        int started = tasks(ecs, CLUSTER, "web", "STOPPED").size();
        clock.advance(Duration.ofMinutes(30));

        assertThat(primary(failed).rolloutStateAsString()).isEqualTo("FAILED");
        assertThat(primary(failed).taskDefinition()).isEqualTo(broken);
        assertThat(failed.runningCount()).isEqualTo(2);
        assertThat(tasks(ecs, CLUSTER, "web", "STOPPED")).as("no task launched after it failed").hasSize(started);
        assertThat(ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("web")).serviceDeployments().get(0)
                .statusAsString()).isEqualTo("STOPPED");
    }

    @Test
    @DisplayName("Tasks that fail their health checks count too: a revision that is never healthy is rolled back")
    void healthCheckFailuresTripTheBreaker() {
        Service created = create(ecs, CLUSTER, "web", good, 2, r -> r.deploymentConfiguration(d -> d
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        clock.advance(Duration.ofMinutes(2));
        String sick = registerFailingHealthCheck(ecs, "web");

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(sick));
        clock.advance(Duration.ofMinutes(5));
        Service service = describe(ecs, CLUSTER, "web");

        assertThat(service.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(primary(created).id());
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
        });
        assertThat(messagesOldestFirst(service)).anySatisfy(m -> assertThat(m).endsWith("failed container health checks."))
                .anySatisfy(m -> assertThat(m).endsWith("deployment failed: tasks failed to start."));
    }

    @Test
    @DisplayName("A first deployment that fails has nothing to roll back to: it is FAILED and its service deployment STOPPED")
    void firstDeploymentHasNothingToRollBackTo() {
        String broken = registerMissingImage(ecs, "broken");
        create(ecs, CLUSTER, "broken", broken, 1, r -> r.deploymentConfiguration(d -> d
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));

        clock.advance(Duration.ofMinutes(3));
        Service service = describe(ecs, CLUSTER, "broken");

        assertThat(service.deployments()).singleElement().satisfies(d ->
                assertThat(d.rolloutStateAsString()).isEqualTo("FAILED"));
        assertThat(ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("broken")).serviceDeployments())
                .singleElement().satisfies(d -> assertThat(d.statusAsString()).isEqualTo("STOPPED"));
    }

    @Test
    @DisplayName("Without the circuit breaker, ECS keeps trying but throttles launches and says it is unable to consistently start tasks")
    void throttlesWithoutTheBreaker() {
        String broken = registerMissingImage(ecs, "broken");
        create(ecs, CLUSTER, "broken", broken, 1, r -> { });

        clock.advance(Duration.ofMinutes(30));
        Service service = describe(ecs, CLUSTER, "broken");
        int attempts = tasks(ecs, CLUSTER, "broken", "STOPPED").size();

        assertThat(primary(service).rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(messagesOldestFirst(service)).contains("(service broken) is unable to consistently start tasks successfully.");
        assertThat(attempts).as("an attempt every 18 s would be 100; the throttle spaces them out").isBetween(4, 15);
    }
}
