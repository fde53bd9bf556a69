package dev.ecslabs.gettingstarted;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Your first calls to Amazon ECS with the AWS SDK for Java: a client, a list, a cluster and its end. */
public final class GettingStarted {
    private GettingStarted() {
    }

    /** Exercise 00.1: a client that talks to the course's endpoint instead of AWS's. */
    public static EcsClient ecsClient(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return EcsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .build();
    }

    /** Exercise 00.2: the ARN of every cluster in the account and region. */
    public static List<String> clusterArns(EcsClient ecs) {
        return ecs.listClustersPaginator().clusterArns().stream().toList();
    }

    /** Exercise 00.3: a cluster tagged with its team, with CloudWatch Container Insights on. */
    public static Cluster createTeamCluster(EcsClient ecs, String clusterName, String team) {
        return ecs.createCluster(request -> request
                        .clusterName(clusterName)
                        .tags(Tag.builder().key("team").value(team).build())
                        .settings(ClusterSetting.builder()
                                .name(ClusterSettingName.CONTAINER_INSIGHTS)
                                .value("enabled")
                                .build()))
                .cluster();
    }

    /** Exercise 00.3: a cluster as DescribeClusters shows it, tags and settings included. */
    public static Cluster describeCluster(EcsClient ecs, String clusterName) {
        return ecs.describeClusters(request -> request
                        .clusters(clusterName)
                        .include(ClusterField.TAGS, ClusterField.SETTINGS))
                .clusters()
                .get(0);
    }

    /** Exercise 00.4: delete a cluster and return what ECS says of it. */
    public static Cluster deleteCluster(EcsClient ecs, String clusterName) {
        return ecs.deleteCluster(request -> request.cluster(clusterName)).cluster();
    }
}
