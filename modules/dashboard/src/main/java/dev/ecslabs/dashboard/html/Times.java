package dev.ecslabs.dashboard.html;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the pages write a moment, in the machine's time zone (the templates {@code html/time.jte} and {@code html/clock.jte}). */
public final class Times {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Times() {
    }

    /** A date and time: "2026-12-03 14:03:07". */
    public static String dateTime(Instant at) {
        return TIME.format(at);
    }

    /** A time of day: "14:03:07". */
    public static String timeOfDay(Instant at) {
        return CLOCK.format(at);
    }
}
