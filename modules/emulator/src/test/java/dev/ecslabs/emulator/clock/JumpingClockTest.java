package dev.ecslabs.emulator.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The jumping clock at speed 1, where a step an emulated minute away could only run within a test's
 * patience by a jump; and on it a quiet spell of 10 ms.
 */
class JumpingClockTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration QUIET = Duration.ofMillis(10);

    @Test
    @DisplayName("while no request is in flight, steps minutes away run at once, in time order, each at its own emulated time")
    void jumpsToEachStepInOrder() throws Exception {
        try (JumpingClock clock = new JumpingClock(1, START, QUIET, Duration.ofMinutes(10))) {
            List<String> order = new CopyOnWriteArrayList<>();
            List<Duration> at = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(3);
            clock.begin(); // scheduled within one request, as a call schedules its steps: no jump before the last
            try {
                for (int seconds : new int[] {120, 30, 60}) {
                    clock.schedule(Duration.ofSeconds(seconds), () -> {
                        order.add(seconds + " s");
                        at.add(Duration.between(START, clock.now()));
                        all.countDown();
                    });
                }
            } finally {
                clock.end();
            }

            assertThat(all.await(10, TimeUnit.SECONDS)).as("all three ran").isTrue();

            assertThat(order).containsExactly("30 s", "60 s", "120 s");
            assertThat(at.get(0)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(40));
            assertThat(at.get(1)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(70));
            assertThat(at.get(2)).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(130));
            assertThat(clock.jumped()).isGreaterThan(Duration.ofSeconds(100));
        }
    }

    @Test
    @DisplayName("a step scheduled by a step runs after it, at its own later time")
    void stepsScheduledByStepsFollowThem() throws Exception {
        try (JumpingClock clock = new JumpingClock(1, START, QUIET, Duration.ofMinutes(10))) {
            CompletableFuture<Instant> second = new CompletableFuture<>();
            clock.schedule(Duration.ofSeconds(20), () -> {
                Instant first = clock.now();
                clock.schedule(Duration.ofSeconds(40), () -> second.complete(clock.now()));
                assertThat(first).isAfterOrEqualTo(START.plusSeconds(20));
            });

            assertThat(Duration.between(START, second.get(10, TimeUnit.SECONDS))).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    @DisplayName("a request in flight holds the clock at its pace: nothing jumps until it is answered")
    void holdsWhileARequestIsInFlight() throws Exception {
        try (JumpingClock clock = new JumpingClock(1, START, QUIET, Duration.ofMinutes(10))) {
            CountDownLatch ran = new CountDownLatch(1);
            clock.begin();
            clock.schedule(Duration.ofMinutes(1), ran::countDown);

            assertThat(ran.await(300, TimeUnit.MILLISECONDS)).as("ran during the request").isFalse();
            assertThat(clock.jumped()).isZero();

            clock.end();
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("ran once the request ended").isTrue();
        }
    }

    @Test
    @DisplayName("one quiet spell jumps at most its budget; the next request gives the next spell a budget of its own")
    void boundsEachQuietSpell() throws Exception {
        try (JumpingClock clock = new JumpingClock(1, START, QUIET, Duration.ofSeconds(30))) {
            CountDownLatch ran = new CountDownLatch(1);
            clock.schedule(Duration.ofSeconds(50), ran::countDown);

            assertThat(ran.await(300, TimeUnit.MILLISECONDS)).as("50 s is beyond one spell's 30 s").isFalse();
            assertThat(clock.jumped()).isEqualTo(Duration.ofSeconds(30));

            clock.begin();
            clock.end();
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("the second spell reaches it").isTrue();
            assertThat(clock.jumped()).isLessThanOrEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    @DisplayName("a cancelled step never runs, and the clock does not jump towards it")
    void cancelledStepsDoNotRun() throws Exception {
        try (JumpingClock clock = new JumpingClock(1, START, QUIET, Duration.ofMinutes(10))) {
            CountDownLatch cancelled = new CountDownLatch(1);
            CountDownLatch kept = new CountDownLatch(1);
            clock.begin();
            clock.schedule(Duration.ofSeconds(10), cancelled::countDown).cancel();
            clock.schedule(Duration.ofSeconds(20), kept::countDown);
            clock.end();

            assertThat(kept.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelled.getCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a clock refuses a speed that is not a positive number")
    void refusesBadSpeeds() {
        assertThatThrownBy(() -> new JumpingClock(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
