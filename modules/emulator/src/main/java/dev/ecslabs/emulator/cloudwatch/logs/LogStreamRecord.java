package dev.ecslabs.emulator.cloudwatch.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One log stream and its events, kept in {@link LogEvent#ORDER}: PutLogEvents may send a batch
 * older than what the stream holds, so a batch is merged in, not appended.
 */
final class LogStreamRecord {
    private final String group;
    private final String name;
    private final long creationTime;
    private final List<LogEvent> events = new ArrayList<>();
    private Long lastIngestionTime;

    LogStreamRecord(String group, String name, long creationTime) {
        this.group = group;
        this.name = name;
        this.creationTime = creationTime;
    }

    /** The stream as it is saved: what it reports and every event. */
    record Saved(String group, String name, long creationTime, Long lastIngestionTime, List<LogEvent> events) {
    }

    Saved saved() {
        return new Saved(group, name, creationTime, lastIngestionTime, List.copyOf(events));
    }

    static LogStreamRecord of(Saved saved) {
        if (saved == null || saved.group() == null || saved.name() == null) {
            throw new IllegalArgumentException("a saved log stream lacks its group or name: " + saved);
        }
        LogStreamRecord stream = new LogStreamRecord(saved.group(), saved.name(), saved.creationTime());
        stream.lastIngestionTime = saved.lastIngestionTime();
        if (saved.events() != null) {
            stream.events.addAll(saved.events());
            stream.events.sort(LogEvent.ORDER);
        }
        return stream;
    }

    String group() {
        return group;
    }

    String name() {
        return name;
    }

    long creationTime() {
        return creationTime;
    }

    Long lastIngestionTime() {
        return lastIngestionTime;
    }

    /** Every event, oldest first; not a copy, so read it under the account-region's lock. */
    List<LogEvent> events() {
        return Collections.unmodifiableList(events);
    }

    Long firstEventTimestamp() {
        return events.isEmpty() ? null : events.get(0).timestamp();
    }

    Long lastEventTimestamp() {
        return events.isEmpty() ? null : events.get(events.size() - 1).timestamp();
    }

    long storedBytes() {
        long bytes = 0;
        for (LogEvent event : events) {
            bytes += event.message().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    /** Adds events (in {@link LogEvent#ORDER} already) ingested at {@code ingestionTime}. */
    void add(List<LogEvent> batch, long ingestionTime) {
        if (batch.isEmpty()) {
            return;
        }
        boolean inOrder = events.isEmpty() || LogEvent.ORDER.compare(events.get(events.size() - 1), batch.get(0)) <= 0;
        events.addAll(batch);
        if (!inOrder) {
            events.sort(LogEvent.ORDER);
        }
        lastIngestionTime = ingestionTime;
    }

    /** Drops the events whose timestamp {@code expired} says; answers how many. */
    int removeEvents(LongPredicate expired) {
        int before = events.size();
        events.removeIf(event -> expired.test(event.timestamp()));
        return before - events.size();
    }

    long highestSequence() {
        long highest = 0;
        for (LogEvent event : events) {
            highest = Math.max(highest, event.sequence());
        }
        return highest;
    }
}
