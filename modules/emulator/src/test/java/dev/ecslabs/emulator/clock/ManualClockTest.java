package dev.ecslabs.emulator.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    @DisplayName("advance runs due actions in time order, each at its own time, and chains what they schedule")
    void runsInOrder() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<String> log = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(5), () -> log.add("b@" + clock.now()));
        clock.schedule(Duration.ofSeconds(2), () -> {
            log.add("a@" + clock.now());
            clock.schedule(Duration.ofSeconds(1), () -> log.add("a2@" + clock.now()));
        });
        clock.schedule(Duration.ofSeconds(30), () -> log.add("late"));

        clock.advance(Duration.ofSeconds(10));

        assertThat(log).containsExactly("a@2026-01-01T00:00:02Z", "a2@2026-01-01T00:00:03Z", "b@2026-01-01T00:00:05Z");
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
        assertThat(clock.pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("a cancelled action never runs")
    void cancels() {
        ManualClock clock = new ManualClock();
        List<String> log = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(1), () -> log.add("ran")).cancel();

        clock.advance(Duration.ofMinutes(1));

        assertThat(log).isEmpty();
    }
}
