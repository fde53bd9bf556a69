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
        // TODO: return an ECS client that sends its calls to endpoint, in region, signed with credentials
        throw new NotDoneYet();
    }

    /** Exercise 00.2: the ARN of every cluster in the account and region. */
    public static List<String> clusterArns(EcsClient ecs) {
        // TODO: return the ARN of every cluster of the account, however many pages the answer takes
        throw new NotDoneYet();
    }

    /** Exercise 00.3: a cluster tagged with its team, with CloudWatch Container Insights on. */
    public static Cluster createTeamCluster(EcsClient ecs, String clusterName, String team) {
        // TODO: create the cluster tagged team=<team> with CloudWatch Container Insights enabled; return the cluster ECS answers
        throw new NotDoneYet();
    }

    /** Exercise 00.3: a cluster as DescribeClusters shows it, tags and settings included. */
    public static Cluster describeCluster(EcsClient ecs, String clusterName) {
        // TODO: return the cluster as ECS describes it, with its tags and settings included
        throw new NotDoneYet();
    }

    /** Exercise 00.4: delete a cluster and return what ECS says of it. */
    public static Cluster deleteCluster(EcsClient ecs, String clusterName) {
        // TODO: delete the cluster and return the cluster ECS answers
        throw new NotDoneYet();
    }
}
