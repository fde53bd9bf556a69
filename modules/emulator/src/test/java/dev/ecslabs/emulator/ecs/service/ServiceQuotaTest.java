package dev.ecslabs.emulator.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

/**
 * A service's desiredCount is bounded by ECS's quota of tasks per service (5,000,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html), so no request
 * can make the scheduler start tasks without end; a refused update changes nothing.
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class ServiceQuotaTest {
    EcsClient ecs;

    String taskDefinition;

    @BeforeEach
    void cluster() {
        ecs.createCluster(b -> b.clusterName("quota"));
        taskDefinition = ServiceFixtures.registerWeb(ecs, "web");
    }

    @Test
    @DisplayName("CreateService and UpdateService with a desiredCount past 5,000 answer InvalidParameterException and change nothing")
    void boundsDesiredCount() {
        assertThatThrownBy(() -> ecs.createService(ServiceFixtures.fargate("quota", "huge", taskDefinition, 5_001).build()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 5000");
        ServiceFixtures.create(ecs, "quota", "web", taskDefinition, 2, r -> { });

        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("quota").service("web").desiredCount(5_001)))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(ServiceFixtures.describe(ecs, "quota", "web").desiredCount()).isEqualTo(2);
        assertThat(ecs.describeServices(r -> r.cluster("quota").services("huge")).services()).isEmpty();
    }
}
