package dev.ecslabs.samplesystem;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;

/**
 * Waiting where the SDK has no waiter (Cloud Map operations, target groups still in use): ask again every {@code pollInterval} until the
 * answer is the one you wait for, at most 300 times (a minute on the course's emulator, 25 minutes
 * at AWS's 5 s). It is the SDK's own {@link Waiter}, given the question and the condition. Given:
 * nothing to write here.
 */
public final class Poll {
    /** At 5 s, longer than any Cloud Map operation takes on AWS (a DNS namespace: a minute or two). */
    static final int MAX_ATTEMPTS = 300;

    private Poll() {
    }

    /** Calls {@code ask} until {@code done} accepts its answer, and returns that answer. */
    public static <T> T until(Supplier<T> ask, Predicate<T> done, Duration pollInterval) {
        @SuppressWarnings("unchecked") // the class only types the builder: any answer will do
        Class<T> type = (Class<T>) Object.class;
        Waiter<T> waiter = Waiter.builder(type)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(done))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(answer -> true))
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategy(FixedDelayBackoffStrategy.create(pollInterval))
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .build();
        return waiter.run(ask).matched().response().orElseThrow();
    }
}
