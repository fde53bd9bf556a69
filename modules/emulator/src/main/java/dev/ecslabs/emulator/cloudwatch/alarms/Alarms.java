package dev.ecslabs.emulator.cloudwatch.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The metric alarms of one account and region, by name, as DescribeAlarms writes them, and each
 * alarm's history, which outlives the alarm as CloudWatch's does (the newest
 * {@link #HISTORY_PER_ALARM} items are kept). Journaled resource by resource: an alarm under
 * {@code alarm/<name>}, its history under {@code history/<name>}.
 */
public final class Alarms implements ResourceArea {
    static final int HISTORY_PER_ALARM = 200;
    private static final String ALARM = "alarm/";
    private static final String HISTORY = "history/";

    private final AccountRegion region;
    private final Map<String, MetricAlarm> byName = new TreeMap<>();
    private final Map<String, List<AlarmHistoryItem>> histories = new TreeMap<>();

    private Alarms(AccountRegion region) {
        this.region = region;
    }

    public static Alarms of(AccountRegion region) {
        return region.area(Alarms.class, Alarms::new);
    }

    public String arn(String name) {
        return Arns.of("cloudwatch", region.region(), region.accountId(), "alarm:" + name);
    }

    public Optional<MetricAlarm> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every alarm, sorted by name. */
    public Collection<MetricAlarm> all() {
        return List.copyOf(byName.values());
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public void put(MetricAlarm alarm) {
        byName.put(alarm.alarmName(), alarm);
        region.changed(Alarms.class, ALARM + alarm.alarmName());
    }

    public void delete(String name) {
        if (byName.remove(name) != null) {
            region.changed(Alarms.class, ALARM + name);
        }
    }

    /** Adds an item to its alarm's history. */
    public void record(AlarmHistoryItem item) {
        List<AlarmHistoryItem> history = histories.computeIfAbsent(item.alarmName(), name -> new ArrayList<>());
        history.add(item);
        if (history.size() > HISTORY_PER_ALARM) {
            history.remove(0);
        }
        region.changed(Alarms.class, HISTORY + item.alarmName());
    }

    /** Every alarm's history, newest first. */
    public List<AlarmHistoryItem> history() {
        List<AlarmHistoryItem> all = new ArrayList<>();
        histories.values().forEach(all::addAll);
        all.sort(Comparator.comparing(AlarmHistoryItem::timestamp).reversed());
        return all;
    }

    record Saved(List<MetricAlarm> alarms, Map<String, List<AlarmHistoryItem>> histories) {
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(new Saved(List.copyOf(byName.values()), histories));
    }

    @Override
    public void restore(JsonNode snapshot) {
        Saved saved = SavedStateJson.read(snapshot, Saved.class);
        for (MetricAlarm alarm : saved.alarms()) {
            if (alarm == null || alarm.alarmName() == null) {
                throw new IllegalArgumentException("an alarm lacks its name: " + alarm);
            }
            byName.put(alarm.alarmName(), alarm);
        }
        if (saved.histories() != null) {
            saved.histories().forEach((name, items) -> histories.put(name, new ArrayList<>(items)));
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String key) {
        if (key.startsWith(ALARM)) {
            return find(key.substring(ALARM.length())).map(SavedStateJson::write);
        }
        return Optional.ofNullable(histories.get(key.substring(HISTORY.length()))).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String key, JsonNode json) {
        if (key.startsWith(ALARM)) {
            String name = key.substring(ALARM.length());
            if (json == null) {
                byName.remove(name);
                return;
            }
            MetricAlarm alarm = SavedStateJson.read(json, MetricAlarm.class);
            if (!name.equals(alarm.alarmName())) {
                throw new IllegalArgumentException("the alarm saved as '" + name + "' is named " + alarm.alarmName());
            }
            byName.put(name, alarm);
        } else if (key.startsWith(HISTORY)) {
            String name = key.substring(HISTORY.length());
            if (json == null) {
                histories.remove(name);
            } else {
                histories.put(name, new ArrayList<>(List.of(SavedStateJson.read(json, AlarmHistoryItem[].class))));
            }
        } else {
            throw new IllegalArgumentException("not an alarm's key: " + key);
        }
    }
}
