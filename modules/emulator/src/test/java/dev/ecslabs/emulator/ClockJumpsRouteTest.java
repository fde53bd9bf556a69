package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.emulator.clock.JumpingClock;
import dev.ecslabs.emulator.protocol.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The course's own emulator ({@code ./lab start}) plays at its speed, and jumps over emulated
 * waiting only while a lab check asks it to; an emulator whose clock others share never does.
 * Here at speed 1, where a step a minute away runs within the test's patience only by a jump.
 * Each test builds its own emulator, not the {@code @EmulatorTest} fixture's: the clock under test
 * is the one {@code Emulator.Builder#jumpsOnRequest} makes, which no fixture clock is.
 */
class ClockJumpsRouteTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("a clock on request does not jump until asked, jumps while the ask lasts, and stops when asked to")
    void jumpsOnlyWhileAsked() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).speed(1).jumpsOnRequest(true).start()) {
            assertThat(emulator.clock()).isInstanceOfSatisfying(JumpingClock.class, c -> assertThat(c.jumpsOnRequest()).isTrue());
            CountDownLatch first = new CountDownLatch(1);
            emulator.clock().schedule(Duration.ofMinutes(1), first::countDown);
            assertThat(first.await(500, TimeUnit.MILLISECONDS)).as("not asked: a minute is a minute").isFalse();

            HttpResponse<String> asked = ask(emulator, "30", true);
            assertThat(asked.statusCode()).isEqualTo(200);
            assertThat(asked.body()).contains("\"jumpsForSeconds\":30");
            assertThat(first.await(5, TimeUnit.SECONDS)).as("asked: the minute is jumped over").isTrue();

            assertThat(ask(emulator, "0", true).statusCode()).isEqualTo(200);
            CountDownLatch second = new CountDownLatch(1);
            emulator.clock().schedule(Duration.ofMinutes(1), second::countDown);
            assertThat(second.await(500, TimeUnit.MILLISECONDS)).as("asked to stop: a minute is a minute again").isFalse();
        }
    }

    @Test
    @DisplayName("the ask needs credentials and a number of seconds from 0 to 120, and is refused with a sentence otherwise")
    void badAsksAreRefused() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).speed(1).jumpsOnRequest(true).start()) {
            HttpResponse<String> unsigned = ask(emulator, "30", false);
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("MissingAuthenticationToken");
            for (String bad : new String[] {"", "-1", "121", "abc", "1e9"}) {
                HttpResponse<String> answer = ask(emulator, bad, true);
                assertThat(answer.statusCode()).as(bad).isEqualTo(400);
                assertThat(answer.body()).as(bad).contains("ValidationException").contains("from 0 (stop jumping) to 120");
            }
        }
    }

    @Test
    @DisplayName("an emulator whose clock does not jump on request (the standalone jar, a classroom's) answers 409 and keeps its pace")
    void aSharedClockRefuses() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).speed(1).start()) {
            HttpResponse<String> answer = ask(emulator, "30", true);
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.body()).contains("ClockJumpsNotOffered").contains("./lab start");
            CountDownLatch step = new CountDownLatch(1);
            emulator.clock().schedule(Duration.ofMinutes(1), step::countDown);
            assertThat(step.await(500, TimeUnit.MILLISECONDS)).isFalse();
        }
    }

    private static HttpResponse<String> ask(Emulator emulator, String seconds, boolean signed) throws Exception {
        URI uri = emulator.url().resolve(ClockJumpsRoute.PATH + "?seconds=" + seconds);
        HttpRequest request = signed
                ? SignedRequests.signed("POST", uri, "test", "test", "us-east-1").build()
                : HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
