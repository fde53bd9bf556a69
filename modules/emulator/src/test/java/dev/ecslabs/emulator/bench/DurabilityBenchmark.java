package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.AcknowledgedWorkload;
import dev.ecslabs.emulator.EmulatorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The durability run at full size: the emulator in a JVM of its own under a 16-client mixed
 * workload (creates, deletes, tags, task definition revisions, Cloud Map operations, reads), killed
 * with {@code kill -9} at a random moment 50 times, restarted on the same data directory each
 * time; after every restart each change it acknowledged before any kill must still be there.
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.DurabilityBenchmark -Dexec.args="50 16"</pre>
 *
 * Arguments: kills, clients, and {@code --force-journal} to run the emulator with each journal
 * write forced to the disk.
 */
public final class DurabilityBenchmark {
    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String[] options = args.length > 2 ? new String[] {args[2]} : new String[0];
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + "; " + kills + " kills, "
                + clients + " clients " + String.join(" ", options));
        Path temp = Files.createTempDirectory("durability-benchmark");
        Path data = Files.createDirectory(temp.resolve("data"));
        Random random = new Random();
        AcknowledgedWorkload workload = new AcknowledgedWorkload(clients, random.nextLong());
        List<String> lost = new ArrayList<>();
        long began = System.nanoTime();
        EmulatorProcess emulator = EmulatorProcess.start(data, options);
        try {
            for (int kill = 1; kill <= kills; kill++) {
                AtomicBoolean stop = new AtomicBoolean();
                EmulatorProcess running = emulator;
                long before = workload.acknowledgedChanges();
                int delay = random.nextInt(1500);
                Thread killer = new Thread(() -> {
                    try {
                        while (workload.acknowledgedChanges() < before + 20 && workload.refused().isEmpty()) {
                            Thread.sleep(5);
                        }
                        Thread.sleep(delay);
                        running.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    stop.set(true);
                }, "killer");
                killer.start();
                workload.run(running.url(), stop);
                killer.join();
                if (!workload.refused().isEmpty()) {
                    throw new IllegalStateException("The emulator refused calls of the workload: " + workload.refused());
                }
                emulator = EmulatorProcess.start(data, options);
                List<String> missing = workload.missingFrom(emulator.url());
                lost.addAll(missing);
                System.out.printf(Locale.ROOT, "kill %2d: %4d changes acknowledged in this run (%d in all), %d missing after the restart%s%n",
                        kill, workload.acknowledgedChanges() - before, workload.acknowledgedChanges(), missing.size(),
                        missing.isEmpty() ? "" : ": " + missing.subList(0, Math.min(5, missing.size())));
            }
        } finally {
            emulator.close();
        }
        System.out.printf(Locale.ROOT, "%d kills in %.0f s: %d changes acknowledged, %d calls made, %d acknowledged changes lost%n",
                kills, (System.nanoTime() - began) / 1e9, workload.acknowledgedChanges(), workload.calls(), lost.size());
        try (Stream<Path> walk = Files.walk(temp)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        if (!lost.isEmpty()) {
            System.exit(1);
        }
    }
}
