package dev.ecslabs.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code --training-run}: what a start and a first call of each service load, then a normal exit,
 * so that {@code java -XX:ArchiveClassesAtExit=F -jar ecs-labs-emulator.jar --training-run} writes
 * a class-data-sharing archive (JDK 13 and newer) that later starts map instead of loading and
 * verifying the same classes from the jar: {@code java -XX:SharedArchiveFile=F -jar …}. The
 * {@code lab} launcher makes one for the lab tool on its first run. The JVM writes the archive only
 * on a normal exit, never when killed, hence a run of its own.
 */
final class TrainingRun {
    /** One cheap read of each service, as the SDK sends it (AWS JSON 1.1, an unsigned caller is the default account). */
    private static final String[][] FIRST_CALLS = {
        {"AmazonEC2ContainerServiceV20141113.ListClusters", "{}"},
        {"AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "{}"},
        {"Route53AutoNaming_v20170314.ListNamespaces", "{}"},
    };

    private TrainingRun() {
    }

    static void run() {
        Path dataDirectory = null;
        try {
            dataDirectory = Files.createTempDirectory("ecs-labs-training-run");
            try (Emulator emulator = Emulator.builder().port(0).dataDirectory(dataDirectory).start()) {
                call(emulator.url().resolve(HealthRoute.PATH), null, null);
                for (String[] firstCall : FIRST_CALLS) {
                    call(emulator.url(), firstCall[0], firstCall[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The training run failed", e);
        } finally {
            deleteTree(dataDirectory);
        }
    }

    private static void call(URI url, String target, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            if (target != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
                connection.setRequestProperty("X-Amz-Target", target);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException((target == null ? "GET " + url : target) + " answered " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
        } finally {
            connection.disconnect();
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind is no reason to fail the run
        }
    }
}
