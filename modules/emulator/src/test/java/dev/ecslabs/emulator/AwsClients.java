package dev.ecslabs.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real AWS SDK clients pointed at an emulator, as a learner's code would build them. */
public final class AwsClients {
    /**
     * The HTTP attempts the clients made, retries included, by the port they were sent to: each test class has an
     * emulator of its own on its own port, and classes run at the same time.
     */
    private static final Map<Integer, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** How many HTTP attempts the clients have sent to {@code emulator} so far, retries included. */
    public static int attempts(Emulator emulator) {
        AtomicInteger sent = ATTEMPTS.get(emulator.url().getPort());
        return sent == null ? 0 : sent.get();
    }

    /**
     * The SDK client of every service the emulator serves, by its type: what {@link EmulatorTest}
     * injects. A new service adds its line, e.g.
     * {@code Map.entry(ElasticLoadBalancingV2Client.class, (e, key) -> client(ElasticLoadBalancingV2Client.builder(), e, key))}.
     */
    static final Map<Class<? extends SdkClient>, BiFunction<Emulator, String, SdkClient>> SERVED = Map.ofEntries(
            Map.entry(EcsClient.class, AwsClients::ecs),
            Map.entry(EcrClient.class, AwsClients::ecr),
            Map.entry(ServiceDiscoveryClient.class, AwsClients::cloudMap),
            Map.entry(ElasticLoadBalancingV2Client.class, (e, key) -> client(ElasticLoadBalancingV2Client.builder(), e, key)),
            Map.entry(IamClient.class, (e, key) -> client(IamClient.builder(), e, key)),
            Map.entry(StsClient.class, (e, key) -> client(StsClient.builder(), e, key)),
            Map.entry(CloudWatchLogsClient.class, (e, key) -> client(CloudWatchLogsClient.builder(), e, key)),
            Map.entry(CloudWatchClient.class, (e, key) -> client(CloudWatchClient.builder(), e, key)),
            Map.entry(ApplicationAutoScalingClient.class, (e, key) -> client(ApplicationAutoScalingClient.builder(), e, key)),
            Map.entry(AutoScalingClient.class, (e, key) -> client(AutoScalingClient.builder(), e, key)),
            Map.entry(Ec2Client.class, (e, key) -> client(Ec2Client.builder(), e, key)));

    private AwsClients() {
    }

    public static EcsClient ecs(Emulator emulator) {
        return ecs(emulator, "test");
    }

    public static EcsClient ecs(Emulator emulator, String accessKeyId) {
        return client(EcsClient.builder(), emulator, accessKeyId);
    }

    public static EcrClient ecr(Emulator emulator) {
        return ecr(emulator, "test");
    }

    public static EcrClient ecr(Emulator emulator, String accessKeyId) {
        return client(EcrClient.builder(), emulator, accessKeyId);
    }

    public static ServiceDiscoveryClient cloudMap(Emulator emulator) {
        return cloudMap(emulator, "test");
    }

    public static ServiceDiscoveryClient cloudMap(Emulator emulator, String accessKeyId) {
        return client(ServiceDiscoveryClient.builder(), emulator, accessKeyId);
    }

    /**
     * Any service's synchronous client, signed with {@code accessKeyId} (a 12-digit one is the
     * account) and sent to the emulator's port. Host prefixes are off: Cloud Map's DiscoverInstances
     * would go to {@code data-127.0.0.1} (see the emulator's README), and no other action has one.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, Emulator emulator, String accessKeyId) {
        return builder.endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides())
                .build();
    }

    /** A new client of this type for the emulator, if the emulator serves its service. */
    static <T> Optional<T> served(Class<T> type, Emulator emulator, String accessKeyId) {
        BiFunction<Emulator, String, SdkClient> open = SERVED.get(type);
        return open == null ? Optional.empty() : Optional.of(type.cast(open.apply(emulator, accessKeyId)));
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                .executionInterceptors(List.of(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        ATTEMPTS.computeIfAbsent(context.httpRequest().port(), port -> new AtomicInteger()).incrementAndGet();
                    }
                })).build();
    }
}
