package dev.ecslabs.emulator.cloudwatch.logs;

import java.util.Map;
import java.util.TreeMap;

/**
 * One log group as the emulator keeps it: what DescribeLogGroups reports of it, and its tags.
 * Times are epoch milliseconds, as CloudWatch Logs writes them.
 */
record LogGroupRecord(String name, long creationTime, Integer retentionInDays, String kmsKeyId, String logGroupClass,
                      Boolean deletionProtectionEnabled, Map<String, String> tags) {

    LogGroupRecord {
        tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
    }

    LogGroupRecord withRetention(Integer days) {
        return new LogGroupRecord(name, creationTime, days, kmsKeyId, logGroupClass, deletionProtectionEnabled, tags);
    }

    LogGroupRecord withTags(Map<String, String> newTags) {
        return new LogGroupRecord(name, creationTime, retentionInDays, kmsKeyId, logGroupClass, deletionProtectionEnabled, newTags);
    }
}
