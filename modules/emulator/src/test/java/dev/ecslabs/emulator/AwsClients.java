package dev.ecslabs.emulator;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/** Real AWS SDK clients pointed at an emulator, as a learner's code would build them. */
public final class AwsClients {
    /** Counts the HTTP attempts every client made, retries included. */
    public static final AtomicInteger ATTEMPTS = new AtomicInteger();

    private AwsClients() {
    }

    public static EcsClient ecs(Emulator emulator) {
        return ecs(emulator, "test");
    }

    public static EcsClient ecs(Emulator emulator, String accessKeyId) {
        return EcsClient.builder()
                .endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides())
                .build();
    }

    public static EcrClient ecr(Emulator emulator) {
        return ecr(emulator, "test");
    }

    public static EcrClient ecr(Emulator emulator, String accessKeyId) {
        return EcrClient.builder()
                .endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides())
                .build();
    }

    public static ServiceDiscoveryClient cloudMap(Emulator emulator) {
        return cloudMap(emulator, "test");
    }

    public static ServiceDiscoveryClient cloudMap(Emulator emulator, String accessKeyId) {
        return ServiceDiscoveryClient.builder()
                .endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKeyId))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides().toBuilder()
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build())
                .build();
    }

    private static StaticCredentialsProvider credentials(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret"));
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().executionInterceptors(List.of(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                ATTEMPTS.incrementAndGet();
            }
        })).build();
    }
}
