package dev.ecslabs.emulator.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    @Test
    @DisplayName("an action scheduled an emulated minute ahead at speed 600 runs after about a tenth of a real second, at its emulated time")
    void playsFaster() throws Exception {
        try (ScaledClock clock = new ScaledClock(600)) {
            Instant scheduledAt = clock.now();
            CompletableFuture<Instant> ranAt = new CompletableFuture<>();

            clock.schedule(Duration.ofMinutes(1), () -> ranAt.complete(clock.now()));

            Instant emulated = ranAt.get(10, TimeUnit.SECONDS);
            assertThat(Duration.between(scheduledAt, emulated)).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    @DisplayName("a clock refuses a speed that is not a positive number")
    void refusesBadSpeeds() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScaledClock(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
