package dev.ecslabs.emulator.ecs.service;

import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.create;
import static dev.ecslabs.emulator.ecs.service.ServiceFixtures.describe;
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
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/**
 * DeleteService as the API reference describes it: refused while the service is scaled above 0
 * (unless forced), then DRAINING while its tasks stop, INACTIVE once they are STOPPING or
 * STOPPED; and the cluster that can't be deleted while it has services.
 */
@EmulatorTest(account = "123456789012", scope = EmulatorTest.Scope.EACH_TEST)
class DeleteServiceTest {
    static final String CLUSTER = "delete";
    ManualClock clock;
    EcsClient ecs;

    String web;

    @BeforeEach
    void createCluster() {
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        web = registerWeb(ecs, "web");
        create(ecs, CLUSTER, "web", web, 2, r -> { });
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    @DisplayName("A service scaled above 0 can't be deleted: 'The service cannot be stopped while it is scaled above 0.'")
    void refusesAScaledService() {
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster(CLUSTER).service("web")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("The service cannot be stopped while it is scaled above 0.");
        assertThat(describe(ecs, CLUSTER, "web").status()).isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("Scaled to 0 and deleted, the service is DRAINING, then INACTIVE, its tasks stopped by the scheduler")
    void drainsThenInactive() {
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(0));
        clock.advance(Duration.ofMinutes(1));

        Service deleted = ecs.deleteService(r -> r.cluster(CLUSTER).service("web")).service();
        clock.advance(Duration.ofMinutes(1));

        assertThat(deleted.status()).isEqualTo("DRAINING");
        assertThat(describe(ecs, CLUSTER, "web").status()).isEqualTo("INACTIVE");
        assertThat(tasks(ecs, CLUSTER, "web", "STOPPED")).hasSize(2)
                .allSatisfy(task -> assertThat(task.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated"));
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).isEmpty();
        assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).activeServicesCount()).isZero();
    }

    @Test
    @DisplayName("force deletes a running service: DRAINING at once, its tasks stopped with ServiceSchedulerInitiated; it can't be updated or re-created until INACTIVE")
    void forceDeletes() {
        Service deleted = ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true)).service();
        clock.advance(Duration.ZERO);
        Service draining = describe(ecs, CLUSTER, "web");

        assertThat(deleted.status()).isEqualTo("DRAINING");
        assertThat(deleted.desiredCount()).isZero();
        assertThat(draining.status()).isEqualTo("DRAINING");
        assertThat(tasks(ecs, CLUSTER, "web", "STOPPED")).hasSize(2)
                .allSatisfy(task -> assertThat(task.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated"));
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(1)))
                .isInstanceOf(ServiceNotActiveException.class).hasMessageStartingWith("Service was not ACTIVE.");
        assertThatThrownBy(() -> create(ecs, CLUSTER, "web", web, 2, r -> { }))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Unable to Start a service that is still Draining.");

        clock.advance(Duration.ofSeconds(5));
        Service again = create(ecs, CLUSTER, "web", web, 1, r -> { });

        assertThat(describe(ecs, CLUSTER, "web").serviceArn()).isEqualTo(again.serviceArn());
        assertThat(again.status()).as("a new service of the same name").isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("Deleting or updating a service that doesn't exist is ServiceNotFoundException with AWS's own text, \"Service not found.\" (as on the wire in hashicorp/terraform#15073)")
    void unknownServices() {
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster(CLUSTER).service("nope")))
                .isInstanceOf(ServiceNotFoundException.class).hasMessageStartingWith("Service not found. (Service: Ecs");
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("nope").desiredCount(1)))
                .isInstanceOf(ServiceNotFoundException.class).hasMessageStartingWith("Service not found. (Service: Ecs");
    }

    @Test
    @DisplayName("DeleteCluster refuses a cluster with an active service (ClusterContainsServicesException), and deletes it once the service is gone")
    void clusterWithServicesCantBeDeleted() {
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster(CLUSTER)))
                .isInstanceOf(ClusterContainsServicesException.class)
                .hasMessageStartingWith("The Cluster cannot be deleted while Services are active.");

        ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
        clock.advance(Duration.ofMinutes(1));

        assertThat(ecs.deleteCluster(r -> r.cluster(CLUSTER)).cluster().status()).isEqualTo("INACTIVE");
    }
}
