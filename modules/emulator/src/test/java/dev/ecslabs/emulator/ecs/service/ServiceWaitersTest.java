package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The SDK's service waiters against the emulator's default clock (AWS time twenty times faster):
 * ServicesStable succeeds when each service has exactly one deployment and runningCount equals
 * desiredCount, and fails on MISSING, DRAINING or INACTIVE; ServicesInactive succeeds on INACTIVE
 * (waiters-2.json of the ECS model).
 */
@EmulatorTest(account = "123456789012", clock = EmulatorTest.Clock.SCALED)
class ServiceWaitersTest {
    static final String CLUSTER = "waiters";
    static Emulator emulator;
    static EcsClient ecs;
    /** labkit's waiter on the embedded emulator: a poll every 200 ms. */
    static EcsWaiter fast;
    static String web;

    @BeforeAll
    static void start() {
        fast = EcsWaiter.builder().client(ecs).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).maxAttempts(300).build()).build();
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        web = registerWeb(ecs, "web");
    }

    @AfterAll
    static void stop() {
        fast.close();
    }

    @Test
    @DisplayName("waitUntilServicesStable sees a new service of two tasks stable about a second after CreateService")
    void newServiceBecomesStable() {
        create(ecs, CLUSTER, "stable", web, 2, r -> { });
        long begin = System.nanoTime();

        Service stable = fast.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("stable")).matched().response()
                .orElseThrow().services().get(0);

        assertThat(stable.deployments()).hasSize(1);
        assertThat(stable.runningCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("After a new revision, waitUntilServicesStable waits until the old deployment's tasks are gone")
    void rolloutBecomesStable() {
        create(ecs, CLUSTER, "rolling", web, 2, r -> { });
        fast.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("rolling"));
        String v2 = registerWeb(ecs, "web");

        ecs.updateService(r -> r.cluster(CLUSTER).service("rolling").taskDefinition(v2));
        Service stable = fast.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("rolling")).matched().response()
                .orElseThrow().services().get(0);

        assertThat(stable.deployments()).singleElement().satisfies(d -> assertThat(d.taskDefinition()).isEqualTo(v2));
        assertThat(stable.runningCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("waitUntilServicesInactive sees a force-deleted service INACTIVE; waitUntilServicesStable fails on it")
    void deletedServiceBecomesInactive() {
        create(ecs, CLUSTER, "doomed", web, 1, r -> { });
        fast.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("doomed"));

        ecs.deleteService(r -> r.cluster(CLUSTER).service("doomed").force(true));
        Service inactive = fast.waitUntilServicesInactive(r -> r.cluster(CLUSTER).services("doomed")).matched().response()
                .orElseThrow().services().get(0);

        assertThat(inactive.status()).isEqualTo("INACTIVE");
        assertThatThrownBy(() -> fast.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("doomed")))
                .isInstanceOf(SdkClientException.class);
    }

    @Test
    @DisplayName("Both waiters fail at once on a service DescribeServices reports MISSING")
    void failOnMissing() {
        assertThatThrownBy(() -> fast.waitUntilServicesStable(r -> r.cluster(CLUSTER).services("nope")))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("MISSING");
        assertThatThrownBy(() -> fast.waitUntilServicesInactive(r -> r.cluster(CLUSTER).services("nope")))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("MISSING");
    }
}
