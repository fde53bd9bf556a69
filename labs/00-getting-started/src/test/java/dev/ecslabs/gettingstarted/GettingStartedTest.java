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
            hints = {
                    "Every AWS service has a client in the SDK. On AWS it finds its endpoint from the region; here "
                            + "you send it to the course's endpoint instead, and it needs a region and credentials to sign its "
                            + "calls (the guide's 'Clients and endpoints').",
                    "EcsClient.builder() has endpointOverride(URI), region(Region) and "
                            + "credentialsProvider(AwsCredentialsProvider); build() makes the client.",
                    "EcsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).build()"})
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
            hints = {
                    "List actions answer in pages: ListClusters returns at most 100 ARNs and a nextToken for the next "
                            + "page. Code that reads only the first page misses clusters in a big account.",
                    "ListClusters, through its paginator: ecs.listClustersPaginator() follows the nextTokens for you; "
                            + "its clusterArns() iterates over the ARNs of every page.",
                    "Collect ecs.listClustersPaginator().clusterArns() into a list, e.g. with stream().toList()."})
    void listsClusterArns(Backend backend, EcsClient ecs) {
        List<String> created = List.of("alpha", "beta", "gamma").stream()
                .map(name -> ecs.createCluster(b -> b.clusterName(backend.uniqueName(name))).cluster().clusterArn())
                .toList();

        List<String> listed = GettingStarted.clusterArns(ecs);

        assertThat(listed).as("the cluster ARNs you listed").containsAll(created).doesNotHaveDuplicates();
        assertThat(listed).allMatch(arn -> arn.startsWith("arn:aws:ecs:"), "every entry is a cluster ARN");
    }

    @Exercise(value = 3, title = "Create a tagged cluster with Container Insights, and describe it",
            hints = {
                    "A tag is a key-value label you choose; a cluster setting turns CloudWatch Container Insights on. "
                            + "DescribeClusters keeps its answer small: tags and settings appear only when asked for.",
                    "CreateCluster takes tags (Tag: key, value) and settings (ClusterSetting: name "
                            + "CONTAINER_INSIGHTS, value \"enabled\"). DescribeClusters takes clusters and "
                            + "include(ClusterField.TAGS, ClusterField.SETTINGS).",
                    "ecs.createCluster(r -> r.clusterName(name).tags(t -> t.key(\"team\").value(team)).settings(s -> "
                            + "s.name(ClusterSettingName.CONTAINER_INSIGHTS).value(\"enabled\"))).cluster(); describe with "
                            + "r.clusters(name).include(...) and take clusters().get(0)."})
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
            hints = {
                    "Deleting a cluster doesn't make it vanish: it becomes INACTIVE. DescribeClusters still shows it "
                            + "for a while; ListClusters no longer lists it.",
                    "DeleteCluster takes the cluster (name or ARN) and answers the cluster as it now is.",
                    "ecs.deleteCluster(r -> r.cluster(clusterName)).cluster()"})
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
