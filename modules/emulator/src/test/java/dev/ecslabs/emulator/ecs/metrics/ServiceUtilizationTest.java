package dev.ecslabs.emulator.ecs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import dev.ecslabs.emulator.clock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * ECS's service utilisation metrics (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_utilization.html)
 * on the emulator's clock, from the load model that {@code POST /_emulator/load} drives.
 */
@EmulatorTest(account = "222222222222", scope = EmulatorTest.Scope.EACH_TEST)
class ServiceUtilizationTest {
    Emulator emulator;
    ManualClock clock;
    EcsClient ecs;
    CloudWatchClient cloudWatch;

    private List<Datapoint> utilisation(String metric, Instant from) {
        return cloudWatch.getMetricStatistics(b -> b.namespace("AWS/ECS").metricName(metric)
                .dimensions(Dimension.builder().name("ClusterName").value("labs").build(),
                        Dimension.builder().name("ServiceName").value("web").build())
                .startTime(from).endTime(clock.now()).period(60)
                .statistics(Statistic.AVERAGE, Statistic.SAMPLE_COUNT, Statistic.MAXIMUM)).datapoints();
    }

    @Test
    @DisplayName("Each minute ECS publishes CPUUtilization and MemoryUtilization per service, over its running tasks, from the load set")
    void publishesFromTheLoadModel() {
        WebService.create(ecs, clock, "labs", "web", 2);
        assertThat(Load.set(emulator, "222222222222", "labs", "web", 25).statusCode()).isEqualTo(200);
        Instant loaded = clock.now();
        clock.advance(Duration.ofMinutes(3));

        // 25 requests a second on 2 tasks of 0.25 vCPU: 12.5 each, 2 + 100 × 12.5 / 50 = 27 % CPU, 20 + 0.3 × 27 = 28.1 % memory
        List<Datapoint> cpu = utilisation("CPUUtilization", loaded);
        assertThat(cpu).hasSizeGreaterThanOrEqualTo(2).allSatisfy(point -> {
            assertThat(point.average()).isEqualTo(27.0);
            assertThat(point.sampleCount()).as("one sample per running task").isEqualTo(2.0);
            assertThat(point.unit()).isEqualTo(StandardUnit.PERCENT);
        });
        assertThat(utilisation("MemoryUtilization", loaded)).allSatisfy(point ->
                assertThat(point.average()).isCloseTo(28.1, org.assertj.core.data.Offset.offset(1e-9)));

        Load.set(emulator, "222222222222", "labs", "web", 0);
        Instant idle = clock.now();
        clock.advance(Duration.ofMinutes(2));
        assertThat(utilisation("CPUUtilization", idle.plusSeconds(60))).isNotEmpty()
                .allSatisfy(point -> assertThat(point.maximum()).as("an idle task").isEqualTo(2.0));
    }

    @Test
    @DisplayName("POST /_emulator/load answers 404 for a service the caller's account does not have")
    void loadNeedsAService() {
        WebService.create(ecs, clock, "labs", "web", 1);
        assertThat(Load.set(emulator, "222222222222", "labs", "nope", 5).statusCode()).isEqualTo(404);
        assertThat(Load.set(emulator, "333333333333", "labs", "web", 5).statusCode()).as("another account's service").isEqualTo(404);
    }
}
