package dev.ecslabs.emulator.cloudwatch.logs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The log streams of every log group of one account and region, with their events, journaled
 * stream by stream under {@code <group>:<stream>} (a group name cannot hold a colon). Also hands
 * out the sequence numbers that order events of equal timestamp.
 */
public final class LogStreams implements ResourceArea {
    private final AccountRegion region;
    private final TreeMap<String, LogStreamRecord> byKey = new TreeMap<>();
    private long lastSequence;

    private LogStreams(AccountRegion region) {
        this.region = region;
    }

    public static LogStreams of(AccountRegion region) {
        return region.area(LogStreams.class, LogStreams::new);
    }

    static String key(String group, String stream) {
        return group + ":" + stream;
    }

    Optional<LogStreamRecord> find(String group, String stream) {
        return Optional.ofNullable(byKey.get(key(group, stream)));
    }

    LogStreamRecord require(String group, String stream) {
        return find(group, stream).orElseThrow(() -> LogsErrors.streamNotFound(group, stream));
    }

    /** The streams of one group, sorted by name. */
    List<LogStreamRecord> of(String group) {
        return List.copyOf(byKey.subMap(group + ":", group + ";").values());
    }

    void add(LogStreamRecord stream) {
        byKey.put(key(stream.group(), stream.name()), stream);
        changed(stream);
    }

    /** Marks a stream whose events changed, so the call that changed it is journaled with it. */
    void changed(LogStreamRecord stream) {
        region.changed(LogStreams.class, key(stream.group(), stream.name()));
    }

    void remove(String group, String stream) {
        byKey.remove(key(group, stream));
        region.changed(LogStreams.class, key(group, stream));
    }

    void removeGroup(String group) {
        for (LogStreamRecord stream : of(group)) {
            remove(group, stream.name());
        }
    }

    long nextSequence() {
        return ++lastSequence;
    }

    @Override
    public JsonNode snapshot() {
        List<LogStreamRecord.Saved> saved = new ArrayList<>();
        byKey.values().forEach(stream -> saved.add(stream.saved()));
        return SavedStateJson.write(saved);
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (LogStreamRecord.Saved saved : SavedStateJson.read(snapshot, new TypeReference<List<LogStreamRecord.Saved>>() { })) {
            put(LogStreamRecord.of(saved));
        }
    }

    private void put(LogStreamRecord stream) {
        byKey.put(key(stream.group(), stream.name()), stream);
        lastSequence = Math.max(lastSequence, stream.highestSequence());
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        return Optional.ofNullable(byKey.get(key)).map(stream -> SavedStateJson.write(stream.saved()));
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (json == null) {
            byKey.remove(key);
            return;
        }
        LogStreamRecord stream = LogStreamRecord.of(SavedStateJson.read(json, LogStreamRecord.Saved.class));
        if (!key.equals(key(stream.group(), stream.name()))) {
            throw new IllegalArgumentException("the log stream saved as '" + key + "' is " + key(stream.group(), stream.name()));
        }
        put(stream);
    }
}
