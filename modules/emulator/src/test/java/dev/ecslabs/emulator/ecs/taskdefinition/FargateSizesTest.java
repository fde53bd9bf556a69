package dev.ecslabs.emulator.ecs.taskdefinition;

import static dev.ecslabs.emulator.ecs.taskdefinition.TaskDefinitionRequests.fargateWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.EmulatorTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;

/**
 * Fargate's task sizes through the real SDK: every CPU and memory pair of the table in "Task CPU
 * and memory" registers, and pairs just outside it are refused
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size).
 */
@EmulatorTest(account = "444444444444", clock = EmulatorTest.Clock.SCALED)
class FargateSizesTest {
    static Emulator emulator;
    static EcsClient ecs;

    @AfterAll
    static void stop() {
    }

    /** The documented table, written out pair by pair. */
    static List<int[]> documentedSizes() {
        List<int[]> sizes = new ArrayList<>();
        for (int memory : new int[] {512, 1024, 2048}) {
            sizes.add(new int[] {256, memory});
        }
        for (int gb = 1; gb <= 4; gb++) {
            sizes.add(new int[] {512, gb * 1024});
        }
        for (int gb = 2; gb <= 8; gb++) {
            sizes.add(new int[] {1024, gb * 1024});
        }
        for (int gb = 4; gb <= 16; gb++) {
            sizes.add(new int[] {2048, gb * 1024});
        }
        for (int gb = 8; gb <= 30; gb++) {
            sizes.add(new int[] {4096, gb * 1024});
        }
        for (int gb = 16; gb <= 60; gb += 4) {
            sizes.add(new int[] {8192, gb * 1024});
        }
        for (int gb = 32; gb <= 120; gb += 8) {
            sizes.add(new int[] {16384, gb * 1024});
        }
        return sizes;
    }

    @Test
    @DisplayName("Every CPU and memory pair of Fargate's table registers")
    void registersEveryDocumentedSize() {
        List<int[]> sizes = documentedSizes();
        for (int[] size : sizes) {
            String family = "size-" + size[0] + "-" + size[1];
            assertThat(ecs.registerTaskDefinition(fargateWeb().family(family).cpu(String.valueOf(size[0]))
                    .memory(String.valueOf(size[1])).build()).taskDefinition().memory())
                    .as(family).isEqualTo(String.valueOf(size[1]));
        }
        assertThat(sizes).hasSize(3 + 4 + 7 + 13 + 23 + 12 + 12);
    }

    @ParameterizedTest(name = "{0} CPU units with {1} MiB")
    @CsvSource({"256, 1536", "256, 3072", "512, 512", "512, 5120", "1024, 1024", "1024, 9216", "2048, 3072",
                "2048, 17408", "4096, 7168", "4096, 31744", "8192, 18432", "8192, 65536", "16384, 36864",
                "16384, 131072", "128, 512", "3072, 8192"})
    @DisplayName("A pair just outside the table is refused with AWS's message")
    void refusesSizesOutsideTheTable(int cpu, int memory) {
        assertThatThrownBy(() -> ecs.registerTaskDefinition(fargateWeb().family("outside").cpu(String.valueOf(cpu))
                .memory(String.valueOf(memory)).build()))
                .isInstanceOf(ClientException.class)
                .hasMessageStartingWith("No Fargate configuration exists for given values: " + cpu + " CPU, " + memory
                        + " memory. See the Amazon ECS documentation for the valid values.");
    }
}
