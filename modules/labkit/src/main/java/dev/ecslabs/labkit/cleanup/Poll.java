package dev.ecslabs.labkit.cleanup;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;

/**
 * Asking again until an answer is accepted: a test's {@code Backend::pollUntil}, or
 * {@link #every} for a caller without one (the dashboard, {@code ./lab clean}).
 */
public interface Poll {

    /** Asks until {@code accepted} takes the answer or the patience runs out, and answers the last answer either way. */
    <T> T until(Supplier<T> ask, Predicate<T> accepted);

    /**
     * Every {@code interval}, at most {@code maxPolls} times, with the SDK's own {@link Waiter}; an
     * exception {@code ask} throws ends the wait at once.
     */
    static Poll every(Duration interval, int maxPolls) {
        return new Poll() {
            @Override
            public <T> T until(Supplier<T> ask, Predicate<T> accepted) {
                Waiter<Object> waiter = Waiter.builder(Object.class)
                        .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(answer -> accepted.test(cast(answer))))
                        .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(answer -> true))
                        .overrideConfiguration(WaiterOverrideConfiguration.builder().maxAttempts(maxPolls)
                                .backoffStrategy(FixedDelayBackoffStrategy.create(interval)).build())
                        .build();
                try {
                    return cast(waiter.run(ask::get).matched().response().orElseThrow());
                } catch (SdkClientException exhausted) {
                    return ask.get();
                }
            }
        };
    }

    @SuppressWarnings("unchecked") // the answers are all of the T that ask supplies
    private static <T> T cast(Object answer) {
        return (T) answer;
    }
}
