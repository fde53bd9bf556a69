package dev.ecslabs.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * ECR's quota of registered repositories per Region (10,000 by default,
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html) bounds what a client
 * can make the emulator hold: one more is LimitExceededException, and nothing is created.
 */
@EmulatorTest(account = "123456789012", clock = EmulatorTest.Clock.SCALED)
class RepositoryQuotaTest {
    static Emulator emulator;
    static EcrClient ecr;

    @BeforeAll
    static void start() {
        ecr.createRepository(b -> b.repositoryName("first"));
        AccountRegion region = emulator.state().get("123456789012", "us-east-1");
        // Filled below the API: 10,000 CreateRepository calls would only make the test slow.
        region.locked(() -> {
            for (int i = 1; i < Repositories.MAX_REPOSITORIES; i++) {
                String name = "filler-" + i;
                Repositories.of(region).add(new RepositoryState(Repository.builder().repositoryName(name)
                        .registryId("123456789012").repositoryArn("arn:aws:ecr:us-east-1:123456789012:repository/" + name)
                        .build(), List.of()));
            }
        });
    }

    @Test
    @DisplayName("CreateRepository past 10,000 repositories answers LimitExceededException and creates nothing")
    void refusesTheRepositoryPastTheQuota() {
        assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName("one-too-many")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("10000 repositories");

        assertThat(ecr.describeRepositories(b -> b.repositoryNames("first")).repositories()).hasSize(1);
        assertThat(Repositories.of(emulator.state().get("123456789012", "us-east-1")).find("one-too-many")).isEmpty();
    }
}
