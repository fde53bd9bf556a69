package dev.ecslabs.emulator.cloudwatch.logs;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * A log group's retention, applied on the emulator's clock: each event is deleted once it is
 * {@code retentionInDays} old (by its timestamp). One sweep per group is scheduled, at the time the
 * oldest event expires, and schedules the next. AWS deletes expired events "typically within 72
 * hours" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html);
 * the emulator deletes them when they expire, so a lab sees the rule without waiting for luck.
 */
final class LogRetention {
    /** The values PutRetentionPolicy accepts (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html). */
    static final Set<Integer> ALLOWED_DAYS = new TreeSet<>(Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653));
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private LogRetention() {
    }

    static void requireAllowed(Integer days) {
        if (days == null || !ALLOWED_DAYS.contains(days)) {
            throw LogsErrors.invalidParameter("retentionInDays " + days + " is not a value CloudWatch Logs accepts; choose one of "
                    + ALLOWED_DAYS + " (or DeleteRetentionPolicy to keep events forever).");
        }
    }

    /** Events with a timestamp before this are expired in a group of that retention; {@code Long.MIN_VALUE} for none. */
    static long expiredBefore(Integer retentionInDays, long nowMillis) {
        return retentionInDays == null ? Long.MIN_VALUE : nowMillis - retentionInDays * DAY_MILLIS;
    }

    /** (Re)schedules the group's next sweep; none when it has no retention or no events. */
    static void schedule(AccountRegion region, String groupName) {
        LogGroups groups = LogGroups.of(region);
        LogGroupRecord group = groups.find(groupName).orElse(null);
        if (group == null || group.retentionInDays() == null) {
            groups.cancelSweep(groupName);
            return;
        }
        Long oldest = null;
        for (LogStreamRecord stream : LogStreams.of(region).of(groupName)) {
            Long first = stream.firstEventTimestamp();
            if (first != null && (oldest == null || first < oldest)) {
                oldest = first;
            }
        }
        if (oldest == null) {
            groups.cancelSweep(groupName);
            return;
        }
        long due = oldest + group.retentionInDays() * DAY_MILLIS;
        long delay = Math.max(1, due - region.now().toEpochMilli() + 1);
        groups.sweepScheduled(groupName, region.schedule(Duration.ofMillis(delay), () -> sweep(region, groupName)));
    }

    /** Deletes the group's expired events, then schedules the next sweep. */
    static void sweep(AccountRegion region, String groupName) {
        LogGroupRecord group = LogGroups.of(region).find(groupName).orElse(null);
        if (group == null) {
            return;
        }
        long before = expiredBefore(group.retentionInDays(), region.now().toEpochMilli());
        LogStreams streams = LogStreams.of(region);
        for (LogStreamRecord stream : streams.of(groupName)) {
            if (stream.removeEvents(timestamp -> timestamp < before) > 0) {
                streams.changed(stream);
            }
        }
        schedule(region, groupName);
    }

    /** After a restart: every group with a retention gets its sweep again (an overdue one runs at once). */
    static void resume(AccountRegion region) {
        region.existingArea(LogGroups.class).ifPresent(groups -> {
            for (LogGroupRecord group : groups.all()) {
                schedule(region, group.name());
            }
        });
    }
}
