package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.primary;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.registerWeb;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * StopServiceDeployment with stop type ROLLBACK, as the ECS API reference and developer guide describe it
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopServiceDeployment.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stop-service-deployment.html).
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class StopServiceDeploymentTest {
    static final String CLUSTER = "stops";
    ManualClock clock;
    EcsClient ecs;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
    }

    @Test
    @DisplayName("Stopping a rollout in progress rolls the service back to the last completed revision: ROLLBACK_IN_PROGRESS, then ROLLBACK_SUCCESSFUL with the old tasks running")
    void rollsBack() {
        String v1 = registerWeb(ecs, "web");
        create(ecs, CLUSTER, "web", v1, 2, r -> { });
        clock.advance(Duration.ofMinutes(2));
        String v2 = registerWeb(ecs, "web");
        Service updated = ecs.updateService(b -> b.cluster(CLUSTER).service("web").taskDefinition(v2)).service();
        String arn = ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("web")).serviceDeployments().get(0)
                .serviceDeploymentArn();
        assertThat(primary(updated).taskDefinition()).isEqualTo(v2);

        assertThat(ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn).stopType(StopServiceDeploymentStopType.ROLLBACK))
                .serviceDeploymentArn()).isEqualTo(arn);
        assertThat(deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
        assertThat(primary(describe(ecs, CLUSTER, "web")).taskDefinition()).isEqualTo(v1);
        clock.advance(Duration.ofMinutes(3));

        assertThat(deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(describe(ecs, CLUSTER, "web").deployments()).hasSize(1);
        assertThat(tasks(ecs, CLUSTER, "web", "RUNNING")).extracting(Task::taskDefinitionArn).containsOnly(v1).hasSize(2);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("IN_PROGRESS");
    }

    @Test
    @DisplayName("A first deployment has nothing to roll back to (ConflictException), and an unknown ARN is ServiceDeploymentNotFoundException")
    void refusals() {
        create(ecs, CLUSTER, "web", registerWeb(ecs, "web"), 1, r -> { });
        String arn = ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("web")).serviceDeployments().get(0)
                .serviceDeploymentArn();

        assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("no earlier deployment that completed");
        assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn.substring(0, arn.lastIndexOf('/') + 1) + "nope")))
                .isInstanceOf(ServiceDeploymentNotFoundException.class);
    }

    private ServiceDeployment deployment(String arn) {
        return ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments().get(0);
    }
}
