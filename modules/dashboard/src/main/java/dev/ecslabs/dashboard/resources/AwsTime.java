package dev.ecslabs.dashboard.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.dashboard.html.Pages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The backend's clock as the resources page tells it. The course's emulator plays AWS's timeline
 * faster than real time (20× by default), so its timestamps run ahead of the wall clock; the page
 * therefore says how long ago something happened in AWS time, and beside it the real time of day
 * it happened at, which {@link #realTimeOf} works out from the emulator's speed.
 */
record AwsTime(Instant awsNow, Instant realNow, double speed) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Read from the emulator's health ({@code clock.now}, {@code clock.speed}); a backend without one runs in real time. */
    static AwsTime of(Optional<JsonNode> health) {
        Instant realNow = Instant.now();
        if (health.isEmpty()) {
            return new AwsTime(realNow, realNow, 1.0);
        }
        JsonNode clock = health.get().path("clock");
        Instant awsNow;
        try {
            awsNow = Instant.parse(clock.path("now").asText());
        } catch (RuntimeException e) {
            awsNow = realNow;
        }
        double speed = clock.path("speed").isNumber() && clock.path("speed").asDouble() > 0 ? clock.path("speed").asDouble() : 1.0;
        return new AwsTime(awsNow, realNow, speed);
    }

    boolean faster() {
        return speed > 1.0001;
    }

    /** The real time of day an AWS timestamp happened at. */
    Instant realTimeOf(Instant aws) {
        long awsAgoNanos = Duration.between(aws, awsNow).toNanos();
        return realNow.minusNanos((long) (awsAgoNanos / speed));
    }

    /** How long ago an AWS timestamp was, in AWS time: "4 min ago" (template {@code resources/ago.jte}). */
    String agoText(Instant aws) {
        Duration ago = Duration.between(aws, awsNow);
        return ago.isNegative() ? "just now" : duration(ago) + " ago";
    }

    /** The real time of day an AWS timestamp happened at, as "14:03:07". */
    String realClock(Instant aws) {
        return CLOCK.format(realTimeOf(aws));
    }

    /** How many times faster than real time AWS time runs: "20", "2.5" (template {@code resources/timeNote.jte}). */
    String factor() {
        return speed == Math.rint(speed) ? String.valueOf((long) speed) : String.format("%.1f", speed);
    }

    /** "4 min ago" in AWS time, with the real time of day beside it: {@code <time>} carries the AWS timestamp. */
    String ago(Instant aws) {
        return aws == null ? "" : Pages.render("resources/ago.jte", Map.of("time", this, "at", aws));
    }

    /** The note said once on the page: what the times mean, and how much faster AWS time runs. */
    String note() {
        return Pages.render("resources/timeNote.jte", this);
    }

    /** A duration as a person says it: "850 ms", "20 s", "3 min 5 s", "2 h 4 min", "3 d 2 h". */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }
}
