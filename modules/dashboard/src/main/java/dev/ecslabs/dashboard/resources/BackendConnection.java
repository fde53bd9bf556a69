package dev.ecslabs.dashboard.resources;

import dev.ecslabs.labkit.LabSettings;
import java.net.URI;
import java.time.Duration;
import dev.ecslabs.labkit.Backend;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * The backend the dashboard shows, reached with the AWS SDK as a learner's code reaches it, so the
 * resources page works the same on the course's emulator, LocalStack or any AWS-compatible
 * endpoint. It uses the learner's account: the credentials labkit gives runs against an endpoint
 * ({@code labs.accessKeyId}, default {@code test}, which is account 000000000000), so what the
 * learner's code created is what the page shows.
 */
public record BackendConnection(String kind, URI endpoint, Region region, String accessKeyId, String secretAccessKey,
                                AwsCredentialsProvider awsCredentials, String awsAccountId) {

    /** An emulator or another AWS-compatible endpoint, reached with these keys. */
    public BackendConnection(String kind, URI endpoint, Region region, String accessKeyId, String secretAccessKey) {
        this(kind, endpoint, region, accessKeyId, secretAccessKey, null, null);
    }

    /**
     * The learner's AWS account ({@code ./lab start --backend aws}): the aws backend's credential chain,
     * Region and account (from STS), and no endpoint override (but the course's own tests' swapped one).
     */
    public static BackendConnection aws(Backend aws) {
        return new BackendConnection("your AWS account", aws.endpointOverride().orElse(null), aws.region(), null, null,
                aws.credentials(), aws.accountId());
    }

    /** Whether this is a real AWS account, where only what the labs tagged may ever be deleted. */
    public boolean isAws() {
        return awsCredentials != null;
    }

    /** The learner's account on {@code endpoint}, with the course's settings for region and keys. */
    public static BackendConnection learnerAccount(String kind, URI endpoint) {
        return new BackendConnection(kind, endpoint, Region.of(LabSettings.region()), LabSettings.accessKeyId(),
                LabSettings.secretAccessKey());
    }

    /** The account the page shows: a 12-digit key is its own account, any other key account 000000000000. */
    public String accountId() {
        if (isAws()) {
            return awsAccountId;
        }
        return accessKeyId.matches("\\d{12}") ? accessKeyId : "000000000000";
    }

    /** In words, for the header of every page. */
    public String describe() {
        if (isAws() && endpoint == null) {
            return kind + " · account " + accountId() + " · " + region.id();
        }
        return kind + " at " + endpoint + " · account " + accountId() + " · " + region.id();
    }

    /** A page refresh must not hang on a backend that went away: one attempt, a short timeout. */
    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(DefaultRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(5))
                .build();
    }

    public EcsClient ecs() {
        return client(EcsClient.builder());
    }

    EcrClient ecr() {
        return client(EcrClient.builder());
    }

    /** CloudWatch Logs: a task's awslogs streams. */
    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.builder());
    }

    /** IAM: the account's roles (global), which ./lab clean deletes with the rest. */
    IamClient iam() {
        return client(IamClient.builder());
    }

    /** Elastic Load Balancing v2: load balancers, listeners, rules, target groups and their targets' health. */
    public ElasticLoadBalancingV2Client elb() {
        return client(ElasticLoadBalancingV2Client.builder());
    }

    /** CloudWatch: the scaling policies' alarms and the metrics they watch. */
    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.builder());
    }

    /** Application Auto Scaling: the ECS services' scalable targets, policies, scheduled actions and activities. */
    public ApplicationAutoScalingClient autoScaling() {
        return client(ApplicationAutoScalingClient.builder());
    }

    /** A client of the backend: its endpoint, Region, credentials, the URL-connection HTTP client, no retries, 5 s. */
    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(B builder) {
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.region(region).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(overrides()).build();
    }

    /** DiscoverInstances goes to a {@code data-} host prefix, which an endpoint override must turn off. */
    public ServiceDiscoveryClient cloudMap() {
        if (endpoint == null) {
            return client(ServiceDiscoveryClient.builder()); // AWS's own endpoints keep the data- prefix
        }
        return ServiceDiscoveryClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides().toBuilder()
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build())
                .build();
    }

    private AwsCredentialsProvider credentials() {
        return isAws() ? awsCredentials : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }
}
