package dev.ecslabs.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.clock.JumpingClock;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.protocol.CallerRoute;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code POST /_emulator/clock/jumps?seconds=N}: lets the clock of the course's own emulator
 * ({@code ./lab start}, a {@link JumpingClock#onRequest clock on request}) jump to each next due
 * lifecycle step for the next N real seconds (at most {@value #MAX_SECONDS}; 0 stops), so that a
 * lab check run against it waits no real time for AWS's. The lab tool asks while a check runs and
 * again every few seconds. Any signed caller may ask (the clock is the emulator's, not an
 * account's); an emulator whose clock others share (a classroom's, the standalone jar) answers 409.
 */
final class ClockJumpsRoute implements HttpRoutes {
    static final String PATH = "/_emulator/clock/jumps";
    static final int MAX_SECONDS = 120;

    private final EmulatorClock clock;

    ClockJumpsRoute(EmulatorClock clock) {
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, CallerRoute.of((ctx, caller) -> {
            if (!(clock instanceof JumpingClock jumping) || !jumping.jumpsOnRequest()) {
                error(ctx, 409, "ClockJumpsNotOffered", "This emulator's clock does not jump on request: only the course's own "
                        + "emulator under ./lab start does, for the lab checks run against it. Its clock plays at its speed.");
                return;
            }
            String given = ctx.queryParam("seconds");
            int seconds;
            try {
                seconds = Integer.parseInt(given == null ? "" : given.trim());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 0 || seconds > MAX_SECONDS) {
                error(ctx, 400, "ValidationException", "seconds must be a whole number from 0 (stop jumping) to "
                        + MAX_SECONDS + ", not '" + (given == null ? "" : given.length() > 20 ? given.substring(0, 20) + "…" : given)
                        + "'. Ask again while your check runs.");
                return;
            }
            jumping.allowJumpsFor(Duration.ofSeconds(seconds));
            ObjectNode answer = AwsJsonCodec.MAPPER.createObjectNode();
            answer.put("jumpsForSeconds", seconds).put("now", clock.now().toString()).put("jumpedSeconds", jumping.jumped().toSeconds());
            ctx.contentType("application/json").result(answer.toString());
        }));
    }

    private static void error(Context ctx, int status, String code, String message) {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode().put("__type", code).put("message", message);
        ctx.status(status).contentType("application/json").header("x-amzn-ErrorType", code).result(json.toString());
    }
}
