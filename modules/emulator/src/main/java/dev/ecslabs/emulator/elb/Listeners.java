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

/** The listeners (with their rules) of one account and region, by ARN; journaled one by one. */
public final class Listeners implements ResourceArea {
    private final AccountRegion region;
    private final Map<String, ListenerRecord> byArn = new LinkedHashMap<>();

    private Listeners(AccountRegion region) {
        this.region = region;
    }

    public static Listeners of(AccountRegion region) {
        return region.area(Listeners.class, Listeners::new);
    }

    public Optional<ListenerRecord> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** The listeners of one load balancer, by port. */
    public List<ListenerRecord> of(String loadBalancerArn) {
        return byArn.values().stream().filter(l -> l.listener().loadBalancerArn().equals(loadBalancerArn))
                .sorted(Comparator.comparing((ListenerRecord l) -> l.listener().port())).toList();
    }

    /** The listener that holds the rule with this ARN, if any. */
    public Optional<ListenerRecord> holdingRule(String ruleArn) {
        return byArn.values().stream().filter(l -> l.rules().stream().anyMatch(r -> r.arn().equals(ruleArn))).findFirst();
    }

    ListenerRecord require(String arn) {
        return find(arn).orElseThrow(() -> ElbErrors.listenerNotFound("'" + arn + "'"));
    }

    public List<ListenerRecord> all() {
        return List.copyOf(byArn.values());
    }

    void put(ListenerRecord record) {
        byArn.put(record.arn(), record);
        region.changed(Listeners.class, record.arn());
        RouteTable.invalidate(region);
    }

    void remove(String arn) {
        if (byArn.remove(arn) != null) {
            region.changed(Listeners.class, arn);
            RouteTable.invalidate(region);
        }
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byArn.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (ListenerRecord record : SavedStateJson.read(snapshot, new TypeReference<List<ListenerRecord>>() { })) {
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
        ListenerRecord record = SavedStateJson.read(json, ListenerRecord.class);
        if (record.listener() == null || !arn.equals(record.arn())) {
            throw new IllegalArgumentException("the listener saved as '" + arn + "' has the ARN "
                    + (record.listener() == null ? null : record.arn()));
        }
        byArn.put(arn, record);
    }
}
