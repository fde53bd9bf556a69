package dev.ecslabs.emulator.cloudwatch.logs;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How events enter a log stream, by PutLogEvents or from a container's output through the
 * {@code awslogs} driver: the rules AWS applies to a batch
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html):
 * at most 10,000 events and 1,048,576 bytes (each message's UTF-8 bytes plus 26), in
 * chronological order; events more than 2 hours in the future, more than 14 days old or older
 * than the group's retention are rejected while the rest are stored; the events kept may span at
 * most 24 hours. Run under the account-region's lock.
 */
public final class LogIngestion {
    static final int MAX_EVENTS = 10_000;
    static final long MAX_BATCH_BYTES = 1_048_576;
    static final long TOO_NEW = Duration.ofHours(2).toMillis();
    static final long TOO_OLD = Duration.ofDays(14).toMillis();
    static final long MAX_SPAN = Duration.ofHours(24).toMillis();

    private LogIngestion() {
    }

    /** One event as sent: when it happened (epoch milliseconds) and its message. */
    public record Input(long timestamp, String message) {
    }

    /**
     * What a batch left out, as PutLogEvents' rejectedLogEventsInfo reports it: the index of the
     * last event too old and of the last one older than the retention, the first one too new.
     */
    record Rejected(Integer tooOldEndIndex, Integer expiredEndIndex, Integer tooNewStartIndex) {
        boolean any() {
            return tooOldEndIndex != null || expiredEndIndex != null || tooNewStartIndex != null;
        }
    }

    /** Stores a PutLogEvents batch in an existing stream after AWS's checks; answers what was rejected. */
    static Rejected put(AccountRegion region, LogGroupRecord group, LogStreamRecord stream, List<Input> batch) {
        if (batch.size() > MAX_EVENTS) {
            throw LogsErrors.invalidParameter("A PutLogEvents batch holds at most " + MAX_EVENTS + " events, not " + batch.size() + ".");
        }
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            bytes += LogEvent.batchBytes(batch.get(i).message());
            if (i > 0 && batch.get(i).timestamp() < batch.get(i - 1).timestamp()) {
                throw LogsErrors.invalidParameter("Log events in a single PutLogEvents request must be in chronological order: "
                        + "event " + i + " (timestamp " + batch.get(i).timestamp() + ") is older than event " + (i - 1)
                        + " (" + batch.get(i - 1).timestamp() + "). Sort the batch by timestamp.");
            }
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw LogsErrors.invalidParameter("The batch is " + bytes + " bytes (each message's UTF-8 bytes plus 26); "
                    + "PutLogEvents takes at most " + MAX_BATCH_BYTES + ". Split it into smaller batches.");
        }
        long now = region.now().toEpochMilli();
        long expiredBefore = LogRetention.expiredBefore(group.retentionInDays(), now);
        Integer tooOld = null;
        Integer expired = null;
        Integer tooNew = null;
        List<Input> kept = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            long timestamp = batch.get(i).timestamp();
            if (timestamp < now - TOO_OLD) {
                tooOld = i;
            } else if (timestamp < expiredBefore) {
                expired = i;
            } else if (timestamp > now + TOO_NEW) {
                tooNew = tooNew == null ? i : tooNew;
            } else {
                kept.add(batch.get(i));
            }
        }
        if (!kept.isEmpty() && kept.get(kept.size() - 1).timestamp() - kept.get(0).timestamp() > MAX_SPAN) {
            throw LogsErrors.invalidParameter("The log events in a single PutLogEvents request cannot span more than 24 hours; "
                    + "these span from " + kept.get(0).timestamp() + " to " + kept.get(kept.size() - 1).timestamp()
                    + ". Send them in batches of one day each.");
        }
        store(region, stream, kept);
        return new Rejected(tooOld, expired, tooNew);
    }

    private static void store(AccountRegion region, LogStreamRecord stream, List<Input> events) {
        if (events.isEmpty()) {
            return;
        }
        LogStreams streams = LogStreams.of(region);
        long now = region.now().toEpochMilli();
        List<LogEvent> stored = new ArrayList<>(events.size());
        for (Input event : events) {
            stored.add(new LogEvent(event.timestamp(), event.message(), now, streams.nextSequence()));
        }
        stream.add(stored, now);
        streams.changed(stream);
        LogRetention.schedule(region, stream.group());
    }

    // ---- what the emulator's own producers (the awslogs driver) use ----

    /** Whether the account-region has a log group of that name. */
    public static boolean groupExists(AccountRegion region, String group) {
        return region.existingArea(LogGroups.class).flatMap(groups -> groups.find(group)).isPresent();
    }

    /** Creates a log group as CreateLogGroup would, unless it exists. */
    public static void createGroupIfMissing(AccountRegion region, String group) {
        LogGroups groups = LogGroups.of(region);
        if (groups.find(group).isEmpty()) {
            groups.put(new LogGroupRecord(group, region.now().toEpochMilli(), null, null, "STANDARD", null, null));
        }
    }

    /** Creates a log stream as CreateLogStream would, unless it exists; the group must exist. */
    public static void createStreamIfMissing(AccountRegion region, String group, String stream) {
        LogGroupRecord owner = LogGroups.of(region).require(group);
        LogStreams streams = LogStreams.of(region);
        if (streams.find(owner.name(), stream).isEmpty()) {
            streams.add(new LogStreamRecord(owner.name(), stream, region.now().toEpochMilli()));
        }
    }

    /**
     * Appends one line of a container's output, stamped {@code timestamp}; nothing when the group or
     * stream is gone (deleted while the task ran: the driver's later lines are lost, as on AWS).
     */
    public static void append(AccountRegion region, String group, String stream, long timestamp, String message) {
        Optional<LogStreamRecord> target = region.existingArea(LogStreams.class).flatMap(streams -> streams.find(group, stream));
        target.ifPresent(found -> store(region, found, List.of(new Input(timestamp, message))));
    }

    /** The events of a stream, oldest first, after {@code afterSequence} (0 for all); empty when it does not exist. */
    public static List<StreamLine> linesAfter(AccountRegion region, String group, String stream, long afterSequence) {
        List<StreamLine> lines = new ArrayList<>();
        region.existingArea(LogStreams.class).flatMap(streams -> streams.find(group, stream)).ifPresent(found -> {
            for (LogEvent event : found.events()) {
                if (event.sequence() > afterSequence) {
                    lines.add(new StreamLine(event.timestamp(), event.message(), event.sequence()));
                }
            }
        });
        return lines;
    }

    /** One event as the dashboard and {@code lab logs} show it; {@code sequence} orders and resumes a follow. */
    public record StreamLine(long timestamp, String message, long sequence) {
    }
}
