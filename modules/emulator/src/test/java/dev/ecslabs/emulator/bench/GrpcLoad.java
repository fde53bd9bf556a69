package dev.ecslabs.emulator.bench;

import dev.ecslabs.emulator.runtime.apps.GrpcHelloApp;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The gRPC load of the Service Connect benchmark: one channel (one HTTP/2 connection, as a gRPC
 * client keeps) and {@code streams} threads on it, each sending unary {@code SayHello} calls one
 * after another, so that {@code streams} calls are in flight on the connection at once; the rate,
 * p50 and p99 latency and the failed calls, printed and answered as {@link HttpLoad.Result}.
 */
final class GrpcLoad {
    private GrpcLoad() {
    }

    /** Load on {@code url}'s host and port for as long as {@code goOn} says so (asked before each call). */
    static HttpLoad.Result run(String label, String url, int streams, BooleanSupplier goOn) throws InterruptedException {
        URI target = URI.create(url);
        ManagedChannel channel = ManagedChannelBuilder.forAddress(target.getHost(), target.getPort()).usePlaintext().build();
        try {
            long started = System.nanoTime();
            long cpuStarted = HttpLoad.processCpuNanos();
            List<List<Long>> perThread = new ArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                List<Long> latencies = new ArrayList<>();
                perThread.add(latencies);
                Thread thread = new Thread(() -> {
                    while (goOn.getAsBoolean()) {
                        long start = System.nanoTime();
                        try {
                            ClientCalls.blockingUnaryCall(channel, GrpcHelloApp.SAY_HELLO,
                                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), "bench");
                        } catch (RuntimeException e) {
                            if (failed.incrementAndGet() <= 3) {
                                System.out.println(label + ": a call failed: " + e);
                            }
                        }
                        latencies.add(System.nanoTime() - start);
                    }
                }, "grpc-load-" + i);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            HttpLoad.Result result = HttpLoad.Result.of(perThread, failed.get(), seconds, HttpLoad.processCpuNanos() - cpuStarted);
            System.out.printf(Locale.ROOT, "%s: %d calls in %.1f s, %d streams on one connection: %.0f calls/s, p50 %.2f ms, "
                            + "p99 %.2f ms, %d failed; this JVM's CPU %.0f µs a call%n", label, result.requests(), seconds, streams,
                    result.perSecond(), result.p50(), result.p99(), result.failed(), result.cpuMicrosPerRequest());
            return result;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
