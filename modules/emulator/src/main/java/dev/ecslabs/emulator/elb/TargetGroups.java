package dev.ecslabs.emulator.elb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The target groups of one account and region, by ARN; journaled one by one. */
public final class TargetGroups implements ResourceArea {
    private final AccountRegion region;
    private final Map<String, TargetGroupRecord> byArn = new LinkedHashMap<>();

    private TargetGroups(AccountRegion region) {
        this.region = region;
    }

    public static TargetGroups of(AccountRegion region) {
        return region.area(TargetGroups.class, TargetGroups::new);
    }

    public Optional<TargetGroupRecord> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public Optional<TargetGroupRecord> byName(String name) {
        return byArn.values().stream().filter(tg -> tg.name().equals(name)).findFirst();
    }

    TargetGroupRecord require(String arn) {
        return find(arn).orElseThrow(() -> ElbErrors.targetGroupNotFound("'" + arn + "'"));
    }

    /** Every load balancer, by name. */
    public List<TargetGroupRecord> all() {
        List<TargetGroupRecord> all = new ArrayList<>(byArn.values());
        all.sort(Comparator.comparing(TargetGroupRecord::name).thenComparing(TargetGroupRecord::arn));
        return all;
    }

    void put(TargetGroupRecord record) {
        byArn.put(record.arn(), record);
        region.changed(TargetGroups.class, record.arn());
    }

    /** A change the clock makes (health checks, draining): it reaches the disk with the next checkpoint. */
    void putByClock(TargetGroupRecord record) {
        byArn.put(record.arn(), record);
    }

    void remove(String arn) {
        if (byArn.remove(arn) != null) {
            region.changed(TargetGroups.class, arn);
        }
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byArn.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (TargetGroupRecord record : SavedStateJson.read(snapshot, new TypeReference<List<TargetGroupRecord>>() { })) {
            byArn.put(record.arn(), record);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String arn) {
        return Optional.ofNullable(byArn.get(arn)).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String arn, JsonNode json) {
        if (json == null) {
            byArn.remove(arn);
            return;
        }
        TargetGroupRecord record = SavedStateJson.read(json, TargetGroupRecord.class);
        if (record.targetGroup() == null || !arn.equals(record.arn())) {
            throw new IllegalArgumentException("the target group saved as '" + arn + "' has the ARN "
                    + (record.targetGroup() == null ? null : record.arn()));
        }
        byArn.put(arn, record);
    }
}
