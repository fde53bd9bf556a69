package dev.ecslabs.emulator.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long {@code java -jar ecs-labs-emulator.jar} takes from the command to its first answer of
 * {@code GET /_emulator/health}, in wall time and in CPU time (the process's user and system time,
 * all its threads, read from {@link ProcessHandle.Info#totalCpuDuration()} at that first answer).
 * Each run is a new JVM on a free port with an empty data directory.
 *
 * <pre>./mvnw -q -pl modules/emulator package -DskipTests
 * java -cp modules/emulator/target/test-classes dev.ecslabs.emulator.bench.StandaloneStartBenchmark \
 *     [--runs 10] [--jar modules/emulator/target/ecs-labs-emulator.jar] [-- extra JVM options]</pre>
 *
 * With {@code -- -XX:SharedArchiveFile=F} it measures the start with a class-data-sharing archive,
 * as {@code ./lab start} makes one for the emulator it runs (see docs/performance.md).
 */
public final class StandaloneStartBenchmark {
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private StandaloneStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 10;
        Path jar = Path.of("modules/emulator/target/ecs-labs-emulator.jar");
        List<String> jvmOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--" -> {
                    jvmOptions.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; the options are --runs N, --jar PATH and -- followed by JVM options.");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is not there: build it with ./mvnw -pl modules/emulator package -DskipTests");
        }
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average " + loadAverage());
        System.out.println("Jar: " + jar + (jvmOptions.isEmpty() ? "" : ", JVM options " + jvmOptions));
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int run = 0; run < runs; run++) {
            double[] sample = startOnce(jar, jvmOptions);
            wall[run] = sample[0];
            cpu[run] = sample[1];
            System.out.printf(Locale.ROOT, "  run %2d: first answer after %6.0f ms wall, %5.2f CPU-seconds%n", run + 1,
                    sample[0], sample[1]);
        }
        System.out.printf(Locale.ROOT, "%d starts: wall median %.0f ms (min %.0f, max %.0f); CPU median %.2f s (min %.2f, max %.2f)%n",
                runs, median(wall), min(wall), max(wall), median(cpu), min(cpu), max(cpu));
    }

    /** One start: {wall milliseconds, CPU seconds} at the first answer of the health route. */
    private static double[] startOnce(Path jar, List<String> jvmOptions) throws Exception {
        int port = freePort();
        Path dataDir = Files.createTempDirectory("emulator-start");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        URI health = URI.create("http://127.0.0.1:" + port + "/_emulator/health");
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (!answers(health)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The emulator exited with " + process.exitValue() + " before answering: "
                            + String.join(" ", command));
                }
                if (System.nanoTime() - begin > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("No answer from " + health + " after " + GIVE_UP.toSeconds() + " s");
                }
                Thread.sleep(2);
            }
            double wallMillis = (System.nanoTime() - begin) / 1_000_000.0;
            Duration cpu = process.info().totalCpuDuration()
                    .orElseThrow(() -> new IllegalStateException("This system does not tell a process's CPU time"));
            return new double[] {wallMillis, cpu.toNanos() / 1e9};
        } finally {
            process.destroy();
            process.waitFor();
            deleteTree(dataDir);
        }
    }

    private static boolean answers(URI health) {
        try {
            HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(5_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
