package dev.ecslabs.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.AcknowledgedWorkload;
import dev.ecslabs.emulator.EmulatorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments while clients create, delete and tag through the real SDK
 * (clusters, repositories, task definitions, Cloud Map namespaces, and tasks, ECS services and Cloud
 * Map services with instances, whose areas are journaled resource by resource too): after each
 * restart, every change the emulator acknowledged is still there. (The full-size run,
 * 50 kills under 16 clients, is {@code bench.DurabilityBenchmark}.)
 *
 * <p>Not an {@code @EmulatorTest}: the emulator runs as a separate process ({@code EmulatorProcess}), killed
 * and started again on one data directory.
 */
class KillNineTest {
    private static final int CYCLES = 3;
    private static final int CLIENTS = 6;

    @TempDir
    Path temp;

    @Test
    @DisplayName("Every change acknowledged before a kill -9 is there after the restart, cycle after cycle")
    void noAcknowledgedChangeIsLostToKillNine() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"));
        Random random = new Random();
        AcknowledgedWorkload workload = new AcknowledgedWorkload(CLIENTS, random.nextLong()).withTasksAndServices();
        EmulatorProcess emulator = EmulatorProcess.start(data);
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                AtomicBoolean stop = new AtomicBoolean();
                EmulatorProcess running = emulator;
                long before = workload.acknowledgedChanges();
                Thread killer = new Thread(() -> {
                    try {
                        // once the clients are under way (a cold JVM takes a while), a random moment in the load
                        while (workload.acknowledgedChanges() < before + 20 && workload.refused().isEmpty()) {
                            Thread.sleep(10);
                        }
                        Thread.sleep(random.nextInt(500));
                        running.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    stop.set(true);
                }, "killer");
                killer.start();
                workload.run(running.url(), stop);
                killer.join();
                assertThat(workload.refused()).as("calls the emulator refused").isEmpty();

                emulator = EmulatorProcess.start(data);
                assertThat(workload.missingFrom(emulator.url()))
                        .as("acknowledged changes missing after kill -9 number %d (log of the restart: %s)", cycle + 1, emulator.log())
                        .isEmpty();
            }
            assertThat(workload.acknowledgedChanges()).as("the clients got changes acknowledged").isGreaterThan(CYCLES * 10L);
        } finally {
            emulator.close();
        }
    }
}
