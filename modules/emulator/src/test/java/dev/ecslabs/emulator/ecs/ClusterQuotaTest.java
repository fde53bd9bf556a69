package dev.ecslabs.emulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.ecs.cluster.Clusters;
import dev.ecslabs.emulator.state.AccountRegion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * ECS's quota of clusters per account in a Region (10,000,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html): past it,
 * CreateCluster is a ClientException; INACTIVE clusters are forgotten to make room first, so
 * creating and deleting clusters never grows the state without bound.
 */
@EmulatorTest(account = ClusterQuotaTest.ACCOUNT, clock = EmulatorTest.Clock.SCALED)
class ClusterQuotaTest {
    static final String ACCOUNT = "123456789012";
    static Emulator emulator;
    static EcsClient ecs;

    @BeforeAll
    static void start() {
        ecs.createCluster(b -> b.clusterName("kept"));
        AccountRegion region = emulator.state().get(ACCOUNT, "us-east-1");
        // Filled below the API: 10,000 CreateCluster calls would only make the test slow.
        region.locked(() -> {
            Clusters clusters = Clusters.of(region);
            for (int i = 1; i < Clusters.MAX_CLUSTERS; i++) {
                String name = "filler-" + i;
                clusters.put(Cluster.builder().clusterName(name).clusterArn(clusters.arn(name)).status(Clusters.ACTIVE)
                        .runningTasksCount(0).pendingTasksCount(0).activeServicesCount(0)
                        .registeredContainerInstancesCount(0).build());
            }
        });
    }

    @Test
    @DisplayName("CreateCluster past 10,000 ACTIVE clusters is a ClientException; after a DeleteCluster the INACTIVE one makes room")
    void boundsClusters() {
        assertThatThrownBy(() -> ecs.createCluster(b -> b.clusterName("one-too-many")))
                .isInstanceOf(ClientException.class).hasMessageContaining("10000 clusters");
        assertThat(ecs.describeClusters(b -> b.clusters("one-too-many")).clusters()).isEmpty();

        ecs.deleteCluster(b -> b.cluster("filler-1"));
        ecs.createCluster(b -> b.clusterName("one-too-many"));

        assertThat(ecs.describeClusters(b -> b.clusters("one-too-many")).clusters()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("ACTIVE"));
        assertThat(ecs.describeClusters(b -> b.clusters("filler-1")).failures()).as("the INACTIVE cluster was forgotten")
                .isNotEmpty();
        assertThat(ecs.describeClusters(b -> b.clusters("kept")).clusters()).hasSize(1);
    }
}
