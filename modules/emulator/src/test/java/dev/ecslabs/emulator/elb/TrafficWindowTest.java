package dev.ecslabs.emulator.elb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.clock.ClientActivity;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How traffic through the load balancers holds the clock: one begin for a stretch of requests, its
 * end only once no request is in flight and the window after the last answer has passed. The timer is
 * a queue the test runs by hand, and the window is zero, so nothing waits on real time.
 */
class TrafficWindowTest {
    private final Deque<Runnable> checks = new ArrayDeque<>();
    private final ScheduledExecutorService timer = (ScheduledExecutorService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ScheduledExecutorService.class}, (proxy, method, args) -> {
                if (method.getName().equals("schedule")) {
                    checks.add((Runnable) args[0]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    /** Counts what the clock is told. */
    private static final class Activity implements ClientActivity {
        int begun;
        int ended;

        @Override
        public void begin() {
            begun++;
        }

        @Override
        public void end() {
            ended++;
        }
    }

    @Test
    @DisplayName("Many requests are one stretch of activity: begun once, ended once after the last answer, not while one is in flight")
    void oneStretchForManyRequests() {
        Activity clock = new Activity();
        TrafficWindow window = new TrafficWindow(Duration.ZERO, timer);

        window.begin(clock);
        window.begin(clock);
        window.end();
        checks.poll().run(); // one request still in flight: the stretch goes on
        assertThat(clock.ended).isZero();
        window.begin(clock);
        window.end();
        window.end();
        checks.poll().run();

        assertThat(clock.begun).isEqualTo(1);
        assertThat(clock.ended).isEqualTo(1);
        assertThat(checks).as("no check left once the stretch ended").isEmpty();

        window.begin(clock);
        assertThat(clock.begun).as("a request after the end starts the next stretch").isEqualTo(2);
    }
}
