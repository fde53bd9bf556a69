package dev.ecslabs.emulator.cloudwatch.logs;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * One stored log event: when it happened and when CloudWatch Logs took it in (epoch milliseconds),
 * its message, and a number unique in its account and region that orders events of equal
 * timestamp in the order they arrived and makes its {@link #eventId()}.
 */
record LogEvent(long timestamp, String message, long ingestionTime, long sequence) {

    /** Sorts by timestamp, then arrival: the order GetLogEvents and FilterLogEvents return events in. */
    static final Comparator<LogEvent> ORDER =
            Comparator.comparingLong(LogEvent::timestamp).thenComparingLong(LogEvent::sequence);

    /** FilterLogEvents' eventId: digits that sort as the events do. */
    String eventId() {
        return String.format("%020d%016d", timestamp, sequence);
    }

    /** What PutLogEvents counts against its 1,048,576-byte batch limit: the UTF-8 message plus 26 bytes. */
    static long batchBytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length + 26L;
    }
}
