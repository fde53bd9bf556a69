package dev.ecslabs.emulator.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;

/**
 * Waiting on what runs in real time beside the emulator's clock — a real app's JVM starting to
 * listen, its health checks, a name reaching its hosts file — where no SDK waiter polls: the SDK's
 * own {@link Waiter}, given the question and the condition, every {@value #POLL_MILLIS} ms. A
 * question that fails to connect ({@link UncheckedIOException}) is asked again too.
 */
final class RealTime {
    static final long POLL_MILLIS = 100;

    private RealTime() {
    }

    /** Asks until {@code done} accepts the answer, for {@code patience} at most; answers the last answer either way. */
    static <T> T until(Supplier<T> ask, Predicate<T> done, Duration patience) {
        @SuppressWarnings("unchecked") // the class only types the builder: any answer will do
        Class<T> type = (Class<T>) Object.class;
        Waiter<T> waiter = Waiter.builder(type)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(done))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(answer -> true))
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(e -> e instanceof UncheckedIOException))
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(POLL_MILLIS)))
                        .maxAttempts((int) Math.max(1, patience.toMillis() / POLL_MILLIS))
                        .build())
                .build();
        try {
            return waiter.run(ask).matched().response().orElseThrow();
        } catch (SdkClientException patienceRanOut) {
            return ask.get();
        }
    }

    /** An HTTP call that may not connect yet, for {@link #until}. */
    interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    /** {@code call} as a question {@link #until} asks again when it does not connect. */
    static <T> Supplier<T> connecting(Call<T> call) {
        return () -> {
            try {
                return call.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }
}
