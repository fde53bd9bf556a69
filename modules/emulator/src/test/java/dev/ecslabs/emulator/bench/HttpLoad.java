package dev.ecslabs.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The HTTP load of the data-plane benchmarks: {@code connections} kept-alive connections, each its
 * own thread and client, sending {@code GET url/} one after another; the rate, p50 and p99 latency
 * and the failed requests (no answer, or not a 200), printed and answered.
 */
final class HttpLoad {
    private HttpLoad() {
    }

    /** The machine the numbers come from: cores, Java, and how busy it is now. */
    static void printMachine() {
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average " + java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * What a load measured; latencies in milliseconds; {@code cpuMicrosPerRequest} the CPU time this
     * JVM (the clients, and the emulator when it is embedded) spent per request, in microseconds:
     * unlike the rate, it hardly moves with what else runs on the machine.
     */
    record Result(int requests, double perSecond, double p50, double p99, int failed, double cpuMicrosPerRequest) {
        /** From each thread's latencies (nanoseconds) over {@code seconds}, with the failures and this JVM's CPU meanwhile. */
        static Result of(List<List<Long>> perThread, int failed, double seconds, long cpuNanos) {
            List<Long> all = new ArrayList<>();
            perThread.forEach(all::addAll);
            Collections.sort(all);
            return all.isEmpty() ? new Result(0, 0, 0, 0, failed, 0)
                    : new Result(all.size(), all.size() / seconds, all.get(all.size() / 2) / 1e6,
                    all.get((int) (all.size() * 0.99)) / 1e6, failed, cpuNanos / 1e3 / all.size());
        }
    }

    /** Load for {@code seconds}. */
    static Result run(String label, String url, int connections, int seconds) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        return run(label, url, connections, () -> System.nanoTime() < end);
    }

    /** Load for as long as {@code goOn} says so (asked before each request). */
    static Result run(String label, String url, int connections, BooleanSupplier goOn) throws InterruptedException {
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        List<List<Long>> perThread = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            List<Long> latencies = new ArrayList<>();
            perThread.add(latencies);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // one connection each
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(30)).build();
            Thread thread = new Thread(() -> {
                while (goOn.getAsBoolean()) {
                    long start = System.nanoTime();
                    try {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - start);
                }
            }, "load-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Result result = Result.of(perThread, failed.get(), seconds, processCpuNanos() - cpuStarted);
        System.out.printf(Locale.ROOT, "%s: %d requests in %.1f s at %d connections: %.0f req/s, p50 %.2f ms, p99 %.2f ms, "
                        + "%d failed; this JVM's CPU %.0f µs a request%n", label, result.requests(), seconds, connections,
                result.perSecond(), result.p50(), result.p99(), result.failed(), result.cpuMicrosPerRequest());
        return result;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The JSON the emulator answers to a signed {@code GET path} of the account. */
    static JsonNode emulatorJson(Emulator emulator, String account, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(SignedRequests.signed("GET", URI.create(emulator.url() + path),
                account, "secret", "us-east-1").build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
