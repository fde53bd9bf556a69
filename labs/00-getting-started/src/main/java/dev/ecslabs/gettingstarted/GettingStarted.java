package dev.ecslabs.gettingstarted;

import dev.ecslabs.labkit.NotDoneYet;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;

/** Your first calls to Amazon ECS with the AWS SDK for Java: a client, a list, a cluster and its end. */
public final class GettingStarted {
    private GettingStarted() {
    }

    /** Exercise 00.1: a client that talks to the course's endpoint instead of AWS's. */
    public static EcsClient ecsClient(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        // TODO: build an EcsClient with EcsClient.builder(): endpointOverride(endpoint), region(region), credentialsProvider(credentials)
        throw new NotDoneYet();
    }

    /** Exercise 00.2: the ARN of every cluster in the account and region. */
    public static List<String> clusterArns(EcsClient ecs) {
        // TODO: return every cluster ARN, using ecs.listClustersPaginator() so that no page is missed
        throw new NotDoneYet();
    }

    /** Exercise 00.3: a cluster tagged with its team, with CloudWatch Container Insights on. */
    public static Cluster createTeamCluster(EcsClient ecs, String clusterName, String team) {
        // TODO: create the cluster with ecs.createCluster(...): the tag team=<team> and the setting containerInsights=enabled; return the response's cluster
        throw new NotDoneYet();
    }

    /** Exercise 00.3: a cluster as DescribeClusters shows it, tags and settings included. */
    public static Cluster describeCluster(EcsClient ecs, String clusterName) {
        // TODO: describe the one cluster with ecs.describeClusters(...), asking to include TAGS and SETTINGS; return it
        throw new NotDoneYet();
    }

    /** Exercise 00.4: delete a cluster and return what ECS says of it. */
    public static Cluster deleteCluster(EcsClient ecs, String clusterName) {
        // TODO: delete the cluster with ecs.deleteCluster(...) and return the response's cluster
        throw new NotDoneYet();
    }
}
