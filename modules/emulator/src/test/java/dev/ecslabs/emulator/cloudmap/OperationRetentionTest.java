package dev.ecslabs.emulator.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.OperationNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

/**
 * Every Cloud Map operation (each task ECS registers adds one) is kept for GetOperation and
 * ListOperations, but not forever: past 10,000 finished ones in an account and Region, the oldest
 * finished are forgotten, so a long-running emulator does not grow with every registration.
 */
class OperationRetentionTest extends CloudMapTestBase {

    @Test
    @DisplayName("Past 10,000 finished operations the oldest finished one is forgotten; one in progress never is")
    void forgetsTheOldestFinishedOperations() {
        AccountRegion region = emulator.state().get("000000000000", "us-east-1");
        List<String> ids = new ArrayList<>();
        // Submitted below the API: 10,000 RegisterInstance calls would only make the test slow.
        region.locked(() -> {
            for (int i = 0; i < Operations.MAX_FINISHED_KEPT; i++) {
                ids.add(submit(region, Duration.ofSeconds(1)));
            }
        });
        String inProgress = region.locked(() -> submit(region, Duration.ofDays(1)));
        clock.advance(Duration.ofMinutes(1));

        String newest = region.locked(() -> submit(region, Duration.ofSeconds(1)));
        clock.advance(Duration.ofMinutes(1));
        region.locked(() -> submit(region, Duration.ofSeconds(1)));

        assertThatThrownBy(() -> cloudMap.getOperation(b -> b.operationId(ids.get(0))))
                .isInstanceOf(OperationNotFoundException.class);
        assertThat(cloudMap.getOperation(b -> b.operationId(ids.get(1))).operation().status()).isEqualTo(OperationStatus.SUCCESS);
        assertThat(cloudMap.getOperation(b -> b.operationId(newest)).operation().status()).isEqualTo(OperationStatus.SUCCESS);
        assertThat(cloudMap.getOperation(b -> b.operationId(inProgress)).operation().status()).isEqualTo(OperationStatus.PENDING);
    }

    private static String submit(AccountRegion region, Duration duration) {
        String namespaceId = "ns-" + unique("none");
        return Operations.of(region).submit(OperationType.CREATE_NAMESPACE, Map.of(OperationTargetType.NAMESPACE, namespaceId),
                null, "namespace/" + namespaceId, duration, new OperationEffect.CreateNamespace(namespaceId)).id();
    }
}
