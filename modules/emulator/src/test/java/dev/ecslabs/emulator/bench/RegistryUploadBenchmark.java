package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.AwsClients;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.RegistryHttp;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The "Registry uploads" figure of docs/performance.md: the emulator's heap after GC once three
 * registry uploads of 200 MiB each were sent and abandoned (never completed, never cancelled).
 * The emulator runs in this JVM; the client streams its bytes from a generator, so the heap
 * measured is the emulator's.
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.RegistryUploadBenchmark</pre>
 */
public final class RegistryUploadBenchmark {
    private static final int UPLOADS = 3;
    private static final long UPLOAD_BYTES = 200L << 20;

    private RegistryUploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        try (Emulator emulator = Emulator.start(0); EcrClient ecr = AwsClients.ecr(emulator)) {
            ecr.createRepository(b -> b.repositoryName("bench/uploads"));
            RegistryHttp registry = RegistryHttp.loggedIn(emulator, ecr);
            long before = heapAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < UPLOADS; i++) {
                HttpResponse<byte[]> started = registry.post("/v2/bench/uploads/blobs/uploads/", new byte[0]);
                String location = started.headers().firstValue("Location").orElseThrow();
                HttpResponse<byte[]> patched = registry.send(registry.request(location)
                        .header("Content-Type", "application/octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(UPLOAD_BYTES)), UPLOAD_BYTES)));
                System.out.println("upload " + (i + 1) + ": HTTP " + patched.statusCode() + " "
                        + patched.headers().firstValue("Range").orElse(RegistryHttp.text(patched)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = heapAfterGc();
            System.out.printf(Locale.ROOT, "%d abandoned uploads of %d MiB in %.1f s (%.0f MiB/s); heap after GC: "
                            + "%d MiB before, %d MiB after, %+d MiB%n", UPLOADS, UPLOAD_BYTES >> 20, seconds,
                    UPLOADS * (UPLOAD_BYTES >> 20) / seconds, before >> 20, after >> 20, (after - before) >> 20);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish; this is a measurement, not a test
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** {@code size} bytes of a repeating pattern, produced as they are read. */
    private static final class Generated extends InputStream {
        private long left;

        Generated(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? (int) (left & 0x7f) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((left - i) & 0x7f);
            }
            left -= n;
            return n;
        }
    }
}
