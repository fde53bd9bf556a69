package dev.ecslabs.emulator.cloudwatch.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GetLogEvents' {@code nextForwardToken}/{@code nextBackwardToken}, shaped as AWS's are
 * ({@code f/<digits>/s}, {@code b/<digits>/s}): a place between two events of the stream, after
 * the event of key ({@code timestamp}, {@code sequence}). A forward token reads the events after
 * it, a backward token those up to it.
 */
record StreamToken(boolean forward, long timestamp, long sequence) {
    static final StreamToken START = new StreamToken(true, 0, 0);
    private static final Pattern TEXT = Pattern.compile("([fb])/(\\d{20})(\\d{20})/s");

    static StreamToken after(LogEvent event) {
        return new StreamToken(true, event.timestamp(), event.sequence());
    }

    static StreamToken before(LogEvent event) {
        return new StreamToken(false, event.timestamp(), event.sequence() - 1);
    }

    static StreamToken parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw LogsErrors.invalidParameter("The specified nextToken is invalid: '" + text + "'. Pass a nextForwardToken or "
                    + "nextBackwardToken of an earlier GetLogEvents answer unchanged, or leave it out.");
        }
        return new StreamToken(m.group(1).equals("f"), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    /** Whether the event lies after this place. */
    boolean precedes(LogEvent event) {
        return event.timestamp() > timestamp || (event.timestamp() == timestamp && event.sequence() > sequence);
    }

    StreamToken asForward() {
        return new StreamToken(true, timestamp, sequence);
    }

    StreamToken asBackward() {
        return new StreamToken(false, timestamp, sequence);
    }

    @Override
    public String toString() {
        return (forward ? "f" : "b") + "/" + String.format("%020d%020d", timestamp, sequence) + "/s";
    }
}
