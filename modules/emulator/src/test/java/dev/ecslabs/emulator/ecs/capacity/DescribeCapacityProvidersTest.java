package dev.ecslabs.emulator.ecs.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.EmulatorTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;

/**
 * DescribeCapacityProviders for the capacity providers every account has, FARGATE and FARGATE_SPOT
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeCapacityProviders.html).
 */
@EmulatorTest(account = "123456789012")
class DescribeCapacityProvidersTest {
    static EcsClient ecs;

    @Test
    @DisplayName("Without names it describes FARGATE and FARGATE_SPOT, ACTIVE, with ARNs of the account")
    void describesFargateProviders() {
        DescribeCapacityProvidersResponse answer = ecs.describeCapacityProviders(b -> { });

        assertThat(answer.capacityProviders()).extracting(CapacityProvider::name).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(answer.capacityProviders()).extracting(CapacityProvider::status).containsOnly(CapacityProviderStatus.ACTIVE);
        assertThat(answer.capacityProviders().get(0).capacityProviderArn())
                .isEqualTo("arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE");
    }

    @Test
    @DisplayName("An unknown name is a MISSING failure; cluster limits the answer to the providers the cluster uses")
    void failuresAndClusterFilter() {
        DescribeCapacityProvidersResponse answer = ecs.describeCapacityProviders(b -> b.capacityProviders("FARGATE", "nope"));
        assertThat(answer.capacityProviders()).extracting(CapacityProvider::name).containsExactly("FARGATE");
        assertThat(answer.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("MISSING");
            assertThat(f.arn()).endsWith(":capacity-provider/nope");
        });

        ecs.createCluster(b -> b.clusterName("spot-only").capacityProviders("FARGATE_SPOT"));
        assertThat(ecs.describeCapacityProviders(b -> b.cluster("spot-only")).capacityProviders())
                .extracting(CapacityProvider::name).containsExactly("FARGATE_SPOT");
    }
}
