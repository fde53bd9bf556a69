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

/** The load balancers of one account and region, by ARN; journaled one by one. */
public final class LoadBalancers implements ResourceArea {
    private final AccountRegion region;
    private final Map<String, LoadBalancerRecord> byArn = new LinkedHashMap<>();

    private LoadBalancers(AccountRegion region) {
        this.region = region;
    }

    public static LoadBalancers of(AccountRegion region) {
        return region.area(LoadBalancers.class, LoadBalancers::new);
    }

    public Optional<LoadBalancerRecord> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public Optional<LoadBalancerRecord> byName(String name) {
        return byArn.values().stream().filter(lb -> lb.name().equals(name)).findFirst();
    }

    LoadBalancerRecord require(String arn) {
        return find(arn).orElseThrow(() -> ElbErrors.loadBalancerNotFound("'" + arn + "'"));
    }

    /** Every load balancer, oldest first. */
    public List<LoadBalancerRecord> all() {
        List<LoadBalancerRecord> all = new ArrayList<>(byArn.values());
        all.sort(Comparator.comparing((LoadBalancerRecord lb) -> lb.loadBalancer().createdTime()).thenComparing(LoadBalancerRecord::arn));
        return all;
    }

    void put(LoadBalancerRecord record) {
        byArn.put(record.arn(), record);
        region.changed(LoadBalancers.class, record.arn());
    }

    /** A change the clock makes (provisioning → active): it reaches the disk with the next checkpoint. */
    void putByClock(LoadBalancerRecord record) {
        byArn.put(record.arn(), record);
    }

    void remove(String arn) {
        if (byArn.remove(arn) != null) {
            region.changed(LoadBalancers.class, arn);
        }
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byArn.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (LoadBalancerRecord record : SavedStateJson.read(snapshot, new TypeReference<List<LoadBalancerRecord>>() { })) {
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
        LoadBalancerRecord record = SavedStateJson.read(json, LoadBalancerRecord.class);
        if (record.loadBalancer() == null || !arn.equals(record.arn())) {
            throw new IllegalArgumentException("the load balancer saved as '" + arn + "' has the ARN "
                    + (record.loadBalancer() == null ? null : record.arn()));
        }
        byArn.put(arn, record);
    }
}
