package dev.ecslabs.gettingstarted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.Exercise;
import dev.ecslabs.labkit.Lab;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.Tag;

@Lab("00")
class GettingStartedTest {

    @Exercise(value = 1, title = "Build an ECS client for the course's endpoint",
            hint = "Every AWS SDK client has a builder. endpointOverride sends its calls to the emulator instead of AWS; "
                    + "the region and the credentials provider complete it.")
    void buildsAClientForTheEndpoint(Backend backend, EcsClient labkit) {
        String name = backend.uniqueName("hello");
        labkit.createCluster(b -> b.clusterName(name));

        try (EcsClient yours = GettingStarted.ecsClient(backend.endpoint(), backend.region(), backend.credentials())) {
            assertThat(yours).as("the client you built").isNotNull();
            assertThat(yours.listClustersPaginator().clusterArns())
                    .as("clusters your client sees: it must reach the course's endpoint, in the same account and region")
                    .anyMatch(arn -> arn.endsWith(":cluster/" + name));
        }
    }

    @Exercise(value = 2, title = "List the clusters of the account",
            hint = "ListClusters answers in pages of at most 100 ARNs and a nextToken. "
                    + "ecs.listClustersPaginator().clusterArns() walks every page for you.")
    void listsClusterArns(Backend backend, EcsClient ecs) {
        List<String> created = List.of("alpha", "beta", "gamma").stream()
                .map(name -> ecs.createCluster(b -> b.clusterName(backend.uniqueName(name))).cluster().clusterArn())
                .toList();

        List<String> listed = GettingStarted.clusterArns(ecs);

        assertThat(listed).as("the cluster ARNs you listed").containsAll(created).doesNotHaveDuplicates();
        assertThat(listed).allMatch(arn -> arn.startsWith("arn:aws:ecs:"), "every entry is a cluster ARN");
    }

    @Exercise(value = 3, title = "Create a tagged cluster with Container Insights, and describe it",
            hint = "createCluster takes tags(Tag...) and settings(ClusterSetting...); the setting's name is "
                    + "ClusterSettingName.CONTAINER_INSIGHTS. DescribeClusters leaves tags and settings out unless "
                    + "include(ClusterField.TAGS, ClusterField.SETTINGS) asks for them.")
    void createsAndDescribesATeamCluster(Backend backend, EcsClient ecs) {
        String name = backend.uniqueName("payments");

        Cluster created = GettingStarted.createTeamCluster(ecs, name, "payments-team");
        Cluster described = GettingStarted.describeCluster(ecs, name);

        assertThat(created.clusterName()).isEqualTo(name);
        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThat(described.clusterArn()).isEqualTo(created.clusterArn());
        assertThat(described.tags()).as("the described cluster's tags")
                .contains(Tag.builder().key("team").value("payments-team").build());
        assertThat(described.settings()).as("the described cluster's settings")
                .extracting(ClusterSetting::nameAsString, ClusterSetting::value)
                .contains(org.assertj.core.groups.Tuple.tuple("containerInsights", "enabled"));
    }

    @Exercise(value = 4, title = "Delete a cluster and see it become INACTIVE",
            hint = "deleteCluster answers with the cluster as it now is. A deleted cluster is INACTIVE: "
                    + "DescribeClusters still shows it for a while, ListClusters no longer does.")
    void deletesACluster(Backend backend, EcsClient ecs) {
        String name = backend.uniqueName("temporary");
        String arn = ecs.createCluster(b -> b.clusterName(name)).cluster().clusterArn();

        Cluster deleted = GettingStarted.deleteCluster(ecs, name);

        assertThat(deleted.clusterArn()).isEqualTo(arn);
        assertThat(deleted.status()).isEqualTo("INACTIVE");
        assertThat(ecs.describeClusters(b -> b.clusters(name).include(ClusterField.TAGS)).clusters())
                .extracting(Cluster::status).containsExactly("INACTIVE");
        assertThat(ecs.listClustersPaginator().clusterArns()).doesNotContain(arn);
    }
}
