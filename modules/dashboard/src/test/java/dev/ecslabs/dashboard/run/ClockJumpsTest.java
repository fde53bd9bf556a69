package dev.ecslabs.dashboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.Emulator;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A lab check run against the course's emulator under {@code ./lab start} asks its clock to jump
 * while it runs, and to stop when it ends; against an emulator that offers no jumps it asks once
 * and runs as before. At speed 1, where a step a minute away runs at once only by a jump.
 */
class ClockJumpsTest {

    @Test
    @DisplayName("while a check runs against ./lab start's emulator its clock jumps; once the check ends it plays at its speed")
    void jumpsWhileTheCheckRuns() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).speed(1).jumpsOnRequest(true).start()) {
            LabTarget target = LabTarget.endpoint(emulator.url());
            CountDownLatch during = new CountDownLatch(1);
            try (AutoCloseable check = ClockJumps.during(target)) {
                emulator.clock().schedule(Duration.ofMinutes(1), during::countDown);
                assertThat(during.await(5, TimeUnit.SECONDS)).as("a minute jumped over during the check").isTrue();
            }
            CountDownLatch after = new CountDownLatch(1);
            emulator.clock().schedule(Duration.ofMinutes(1), after::countDown);
            assertThat(after.await(500, TimeUnit.MILLISECONDS)).as("after the check, a minute is a minute").isFalse();
        }
    }

    @Test
    @DisplayName("an endpoint that offers no jumps (a classroom's emulator) leaves the check running at the clock's pace, without an error")
    void anEndpointWithoutJumpsIsLeftAlone() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).speed(1).start()) {
            CountDownLatch step = new CountDownLatch(1);
            try (AutoCloseable check = ClockJumps.during(LabTarget.endpoint(emulator.url()))) {
                emulator.clock().schedule(Duration.ofMinutes(1), step::countDown);
                assertThat(step.await(500, TimeUnit.MILLISECONDS)).isFalse();
            }
        }
    }
}
