package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.Emulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The emulator core's numbers (issue: the course skeleton): start time in a warm JVM, and
 * DescribeClusters latency and throughput through the real SDK on loopback with 1 and 8 clients,
 * with the SDK's default HTTP client (Apache 5) and with the URL-connection client the labs use.
 *
 * <pre>./mvnw -q -pl modules/emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ecslabs.emulator.bench.EmulatorBenchmark</pre>
 */
public final class EmulatorBenchmark {
    private static final int WARMUP_CALLS = 5_000;
    private static final int CALLS_PER_CLIENT = 10_000;

    private EmulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name"));
        startTime();
        try (Emulator emulator = Emulator.start(0)) {
            try (EcsClient setup = client(emulator, UrlConnectionHttpClient.builder())) {
                setup.createCluster(b -> b.clusterName("bench"));
            }
            rawHttp(emulator);
            describeClusters(emulator, 1, Apache5HttpClient.builder());
            describeClusters(emulator, 8, Apache5HttpClient.builder());
            describeClusters(emulator, 1, UrlConnectionHttpClient.builder());
            describeClusters(emulator, 8, UrlConnectionHttpClient.builder());
        }
    }

    private static void startTime() {
        for (int i = 0; i < 20; i++) {
            Emulator.start(0).close();
        }
        Measurements starts = new Measurements(30);
        for (int i = 0; i < 30; i++) {
            long begin = System.nanoTime();
            Emulator emulator = Emulator.start(0);
            starts.add(System.nanoTime() - begin);
            emulator.close();
        }
        System.out.println("Emulator start, warm JVM (30 starts after 20 warm-up): " + starts.summary());
    }

    private static void describeClusters(Emulator emulator, int clients, SdkHttpClient.Builder<?> http) throws Exception {
        List<EcsClient> ecs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ecs.add(client(emulator, http));
        }
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            run(threads, ecs, WARMUP_CALLS / clients);
            long begin = System.nanoTime();
            Measurements all = run(threads, ecs, CALLS_PER_CLIENT);
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "DescribeClusters through the SDK (%s), %d client(s), %d calls each: %s; %.0f calls/s%n",
                    http.getClass().getEnclosingClass().getSimpleName(), clients, CALLS_PER_CLIENT, all.summary(),
                    all.count() / seconds);
        } finally {
            threads.shutdown();
            ecs.forEach(EcsClient::close);
        }
    }

    /** The same call without the SDK (no signing, no marshalling): what the emulator itself costs. */
    private static void rawHttp(Emulator emulator) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(emulator.url())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeClusters")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clusters\":[\"bench\"]}")).build();
        for (int i = 0; i < WARMUP_CALLS; i++) {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        Measurements raw = new Measurements(CALLS_PER_CLIENT);
        for (int i = 0; i < CALLS_PER_CLIENT; i++) {
            long begin = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.ofString());
            raw.add(System.nanoTime() - begin);
        }
        System.out.println("DescribeClusters, raw HTTP/1.1 (no SDK), 1 client: " + raw.summary());
    }

    private static Measurements run(ExecutorService threads, List<EcsClient> clients, int calls) throws Exception {
        List<Future<Measurements>> futures = new ArrayList<>();
        for (EcsClient ecs : clients) {
            futures.add(threads.submit(() -> {
                Measurements mine = new Measurements(calls);
                for (int i = 0; i < calls; i++) {
                    long begin = System.nanoTime();
                    ecs.describeClusters(b -> b.clusters("bench"));
                    mine.add(System.nanoTime() - begin);
                }
                return mine;
            }));
        }
        Measurements all = new Measurements(calls * clients.size());
        for (Future<Measurements> future : futures) {
            all.addAll(future.get());
        }
        return all;
    }

    private static EcsClient client(Emulator emulator, SdkHttpClient.Builder<?> http) {
        return EcsClient.builder()
                .endpointOverride(emulator.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(http)
                .build();
    }
}
