package dev.ecslabs.emulator.cloudwatch.logs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The CloudWatch Logs log groups of one account and region, by name, journaled group by group. */
public final class LogGroups implements ResourceArea {
    private final AccountRegion region;
    private final TreeMap<String, LogGroupRecord> byName = new TreeMap<>();
    /** Each group's next retention sweep on the clock; not saved: {@link LogRetention#resume} schedules them again. */
    private final Map<String, EmulatorClock.Scheduled> sweeps = new HashMap<>();

    private LogGroups(AccountRegion region) {
        this.region = region;
    }

    public static LogGroups of(AccountRegion region) {
        return region.area(LogGroups.class, LogGroups::new);
    }

    /** {@code arn:aws:logs:<region>:<account>:log-group:<name>}, the logGroupArn and what TagResource takes. */
    String arn(String name) {
        return Arns.of("logs", region.region(), region.accountId(), "log-group:" + name);
    }

    Optional<LogGroupRecord> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The group a request names by name, or AWS's ResourceNotFoundException. */
    LogGroupRecord require(String name) {
        return find(name).orElseThrow(() -> LogsErrors.groupNotFound(name));
    }

    /**
     * The group named by a {@code logGroupIdentifier} (a name or an ARN of this account and region,
     * with or without the trailing {@code :*}) or a {@code logGroupName}: exactly one of the two, as AWS asks.
     */
    LogGroupRecord require(String name, String identifier) {
        if ((name == null) == (identifier == null)) {
            throw LogsErrors.invalidParameter("Give exactly one of logGroupName and logGroupIdentifier"
                    + (name == null ? ": this call has neither." : ", not both."));
        }
        return require(name != null ? name : nameOf(identifier));
    }

    /** The group name in a name or an ARN ({@code arn:aws:logs:…:log-group:<name>[:*]}). */
    String nameOf(String nameOrArn) {
        if (!Arns.looksLikeArn(nameOrArn)) {
            return nameOrArn;
        }
        return Arns.parse(nameOrArn)
                .filter(arn -> arn.service().equals("logs") && arn.resource().startsWith("log-group:"))
                .filter(arn -> arn.accountId().equals(region.accountId()) && arn.region().equals(region.region()))
                .map(arn -> {
                    String resource = arn.resource().substring("log-group:".length());
                    return resource.endsWith(":*") ? resource.substring(0, resource.length() - 2) : resource;
                })
                .orElseThrow(() -> LogsErrors.invalidParameter("'" + nameOrArn + "' is not the ARN of a log group of account "
                        + region.accountId() + " in " + region.region() + " (arn:aws:logs:<region>:<account>:log-group:<name>)."));
    }

    void put(LogGroupRecord group) {
        byName.put(group.name(), group);
        region.changed(LogGroups.class, group.name());
    }

    void remove(String name) {
        byName.remove(name);
        cancelSweep(name);
        region.changed(LogGroups.class, name);
    }

    /** Every group, sorted by name (DescribeLogGroups' order). */
    List<LogGroupRecord> all() {
        return List.copyOf(byName.values());
    }

    void sweepScheduled(String name, EmulatorClock.Scheduled sweep) {
        cancelSweep(name);
        sweeps.put(name, sweep);
    }

    void cancelSweep(String name) {
        EmulatorClock.Scheduled pending = sweeps.remove(name);
        if (pending != null) {
            pending.cancel();
        }
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byName.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (LogGroupRecord group : SavedStateJson.read(snapshot, new TypeReference<List<LogGroupRecord>>() { })) {
            if (group == null || group.name() == null) {
                throw new IllegalArgumentException("a log group lacks its name: " + group);
            }
            byName.put(group.name(), group);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String name) {
        return find(name).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String name, JsonNode json) {
        if (json == null) {
            byName.remove(name);
            return;
        }
        LogGroupRecord group = SavedStateJson.read(json, LogGroupRecord.class);
        if (group == null || !name.equals(group.name())) {
            throw new IllegalArgumentException("the log group saved as '" + name + "' is named " + (group == null ? null : group.name()));
        }
        byName.put(name, group);
    }
}
