package dev.ecslabs.emulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * ECS clusters through the real SDK, as the ECS API reference describes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html and its siblings).
 */
@EmulatorTest(clock = EmulatorTest.Clock.SCALED, account = "111111111111")
class ClusterApiTest {
    static Emulator emulator;
    static EcsClient ecs;

    @Test
    @DisplayName("CreateCluster returns an ACTIVE cluster with an ARN of the caller's account and region")
    void createsAnActiveCluster() {
        Cluster cluster = ecs.createCluster(b -> b.clusterName("arn-check")).cluster();

        assertThat(cluster.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:111111111111:cluster/arn-check");
        assertThat(cluster.clusterName()).isEqualTo("arn-check");
        assertThat(cluster.status()).isEqualTo("ACTIVE");
        assertThat(cluster.runningTasksCount()).isZero();
        assertThat(cluster.pendingTasksCount()).isZero();
        assertThat(cluster.activeServicesCount()).isZero();
    }

    @Test
    @DisplayName("CreateCluster without a name creates the cluster named default")
    void createsTheDefaultCluster() {
        Cluster cluster = ecs.createCluster(b -> { }).cluster();

        assertThat(cluster.clusterName()).isEqualTo("default");
        assertThat(ecs.describeClusters(b -> { }).clusters()).extracting(Cluster::clusterName).containsExactly("default");
    }

    @Test
    @DisplayName("CreateCluster is idempotent: the same name answers the existing ACTIVE cluster")
    void createIsIdempotent() {
        Cluster first = ecs.createCluster(b -> b.clusterName("twice").tags(tag("team", "a"))).cluster();
        Cluster second = ecs.createCluster(b -> b.clusterName("twice")).cluster();

        assertThat(second.clusterArn()).isEqualTo(first.clusterArn());
        assertThat(second.tags()).containsExactly(tag("team", "a"));
    }

    @Test
    @DisplayName("An invalid cluster name is refused with InvalidParameterException and nothing is created")
    void refusesAnInvalidName() {
        assertThatThrownBy(() -> ecs.createCluster(b -> b.clusterName("no spaces please")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("letters (uppercase and lowercase), numbers, underscores and hyphens");
        assertThat(ecs.listClustersPaginator(b -> { }).clusterArns()).noneMatch(arn -> arn.contains("no spaces"));
    }

    @Test
    @DisplayName("DescribeClusters shows tags and settings only when include asks for them")
    void describeHonoursInclude() {
        ecs.createCluster(b -> b.clusterName("insights").tags(tag("env", "lab"))
                .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build()));

        Cluster plain = ecs.describeClusters(b -> b.clusters("insights")).clusters().get(0);
        Cluster full = ecs.describeClusters(b -> b.clusters("insights")
                .include(ClusterField.TAGS, ClusterField.SETTINGS, ClusterField.STATISTICS)).clusters().get(0);

        assertThat(plain.hasTags()).isFalse();
        assertThat(plain.hasSettings()).isFalse();
        assertThat(full.tags()).containsExactly(tag("env", "lab"));
        assertThat(full.settings()).containsExactly(
                ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build());
        assertThat(full.statistics()).extracting(s -> s.name()).contains("runningFargateTasksCount", "pendingFargateTasksCount");
    }

    @Test
    @DisplayName("DescribeClusters accepts names and ARNs and reports unknown clusters as MISSING failures")
    void describeReportsMissing() {
        Cluster known = ecs.createCluster(b -> b.clusterName("known")).cluster();

        DescribeClustersResponse response = ecs.describeClusters(b -> b.clusters(known.clusterArn(), "unknown"));

        assertThat(response.clusters()).extracting(Cluster::clusterName).containsExactly("known");
        assertThat(response.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:111111111111:cluster/unknown");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }

    @Test
    @DisplayName("ListClusters pages through every cluster with the SDK paginator")
    void listPaginates() {
        try (EcsClient fresh = AwsClients.ecs(emulator, "222222222222")) {
            for (int i = 0; i < 7; i++) {
                int n = i;
                fresh.createCluster(b -> b.clusterName("page-" + n));
            }
            List<String> arns = fresh.listClustersPaginator(b -> b.maxResults(3)).clusterArns().stream().toList();
            int pages = (int) fresh.listClustersPaginator(b -> b.maxResults(3)).stream().count();

            assertThat(arns).hasSize(7).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("ListClusters refuses maxResults above 100")
    void listRefusesLargePages() {
        assertThatThrownBy(() -> ecs.listClusters(b -> b.maxResults(101)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("between 1 and 100");
    }

    @Test
    @DisplayName("DeleteCluster leaves the cluster INACTIVE: still describable, no longer listed, not usable")
    void deleteLeavesInactive() {
        Cluster cluster = ecs.createCluster(b -> b.clusterName("short-lived")).cluster();

        Cluster deleted = ecs.deleteCluster(b -> b.cluster("short-lived")).cluster();

        assertThat(deleted.status()).isEqualTo("INACTIVE");
        assertThat(ecs.describeClusters(b -> b.clusters("short-lived")).clusters())
                .singleElement().extracting(Cluster::status).isEqualTo("INACTIVE");
        assertThat(ecs.listClustersPaginator(b -> { }).clusterArns()).doesNotContain(cluster.clusterArn());
        assertThatThrownBy(() -> ecs.deleteCluster(b -> b.cluster("short-lived")))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.updateClusterSettings(b -> b.cluster("short-lived").settings(
                ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build())))
                .isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    @DisplayName("A deleted cluster's name can be used again for a new ACTIVE cluster")
    void recreateAfterDelete() {
        ecs.createCluster(b -> b.clusterName("phoenix").tags(tag("generation", "1")));
        ecs.deleteCluster(b -> b.cluster("phoenix"));

        Cluster reborn = ecs.createCluster(b -> b.clusterName("phoenix")).cluster();

        assertThat(reborn.status()).isEqualTo("ACTIVE");
        assertThat(reborn.tags()).isEmpty();
    }

    @Test
    @DisplayName("UpdateClusterSettings and UpdateCluster change Container Insights")
    void updatesSettings() {
        ecs.createCluster(b -> b.clusterName("settings"));

        Cluster updated = ecs.updateClusterSettings(b -> b.cluster("settings").settings(
                ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enhanced").build())).cluster();
        Cluster again = ecs.updateCluster(b -> b.cluster("settings").settings(
                ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("disabled").build())).cluster();

        assertThat(updated.settings()).extracting(ClusterSetting::value).containsExactly("enhanced");
        assertThat(again.settings()).extracting(ClusterSetting::value).containsExactly("disabled");
        assertThatThrownBy(() -> ecs.updateClusterSettings(b -> b.cluster("settings").settings(
                ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("sometimes").build())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("enabled, disabled or enhanced");
    }

    @Test
    @DisplayName("Capacity providers and the default strategy are stored, and a strategy must use associated providers")
    void capacityProviders() {
        Cluster cluster = ecs.createCluster(b -> b.clusterName("capacity")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 1), strategy("FARGATE_SPOT", 0, 4))).cluster();

        assertThat(cluster.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(cluster.defaultCapacityProviderStrategy()).hasSize(2);

        assertThatThrownBy(() -> ecs.putClusterCapacityProviders(b -> b.cluster("capacity")
                .capacityProviders("FARGATE").defaultCapacityProviderStrategy(strategy("FARGATE_SPOT", 0, 1))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not associated with the cluster");

        Cluster onlyFargate = ecs.putClusterCapacityProviders(b -> b.cluster("capacity")
                .capacityProviders("FARGATE").defaultCapacityProviderStrategy(strategy("FARGATE", 0, 1))).cluster();
        assertThat(onlyFargate.capacityProviders()).containsExactly("FARGATE");
    }

    @Test
    @DisplayName("serviceConnectDefaults are returned as a Cloud Map namespace ARN")
    void serviceConnectDefaults() {
        Cluster cluster = ecs.createCluster(b -> b.clusterName("connected")
                .serviceConnectDefaults(d -> d.namespace("lab.local"))).cluster();

        assertThat(cluster.serviceConnectDefaults().namespace())
                .startsWith("arn:aws:servicediscovery:us-east-1:111111111111:namespace/ns-");
    }

    @Test
    @DisplayName("TagResource, UntagResource and ListTagsForResource work on a cluster ARN")
    void tagging() {
        String arn = ecs.createCluster(b -> b.clusterName("tagged").tags(tag("a", "1"))).cluster().clusterArn();

        ecs.tagResource(b -> b.resourceArn(arn).tags(tag("b", "2"), tag("a", "3")));
        assertThat(ecs.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(tag("a", "3"), tag("b", "2"));

        ecs.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertThat(ecs.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactly(tag("b", "2"));

        assertThatThrownBy(() -> ecs.tagResource(b -> b.resourceArn(arn).tags(tag("aws:owner", "me"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> ecs.listTagsForResource(b -> b.resourceArn(arn.replace("tagged", "ghost"))))
                .isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    @DisplayName("Two access keys are two accounts: the same cluster name, no leak between them")
    void accountsAreIsolated() {
        try (EcsClient alice = AwsClients.ecs(emulator, "333333333333");
             EcsClient bob = AwsClients.ecs(emulator, "444444444444")) {
            alice.createCluster(b -> b.clusterName("shared-name").tags(tag("owner", "alice")));
            bob.createCluster(b -> b.clusterName("shared-name").tags(tag("owner", "bob")));
            alice.deleteCluster(b -> b.cluster("shared-name"));

            Cluster bobs = bob.describeClusters(b -> b.clusters("shared-name").include(ClusterField.TAGS)).clusters().get(0);
            assertThat(bobs.status()).isEqualTo("ACTIVE");
            assertThat(bobs.tags()).containsExactly(tag("owner", "bob"));
            assertThat(bobs.clusterArn()).contains(":444444444444:");
            assertThat(bob.listClusters().clusterArns()).noneMatch(arn -> arn.contains("333333333333"));
        }
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static CapacityProviderStrategyItem strategy(String provider, int base, int weight) {
        return CapacityProviderStrategyItem.builder().capacityProvider(provider).base(base).weight(weight).build();
    }
}
