package dev.ecslabs.emulator.ecs.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.ecs.EcsErrors;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * The ECS clusters of one account and region, by name. A deleted cluster stays here as INACTIVE
 * (AWS keeps it describable for a while) until a cluster of the same name is created again.
 */
public final class Clusters implements ResourceArea {
    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    public static final String DEFAULT_NAME = "default";
    /** ECS's quota "Clusters per account" in each Region (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html). */
    public static final int MAX_CLUSTERS = 10_000;

    private final AccountRegion region;
    private final Map<String, Cluster> byName = new LinkedHashMap<>();

    private Clusters(AccountRegion region) {
        this.region = region;
    }

    public static Clusters of(AccountRegion region) {
        return region.area(Clusters.class, Clusters::new);
    }

    public String arn(String name) {
        return Arns.of("ecs", region.region(), region.accountId(), "cluster/" + name);
    }

    /** The cluster a request names by name or ARN ({@code default} when it names none), in any status. */
    public Optional<Cluster> find(String nameOrArn) {
        return nameOf(nameOrArn).map(byName::get);
    }

    /** The ACTIVE cluster a request names, or AWS's ClusterNotFoundException. */
    public Cluster requireActive(String nameOrArn) {
        return find(nameOrArn).filter(c -> ACTIVE.equals(c.status())).orElseThrow(EcsErrors::clusterNotFound);
    }

    public void put(Cluster cluster) {
        byName.put(cluster.clusterName(), cluster);
        region.changed(Clusters.class, cluster.clusterName());
    }

    /**
     * Makes room for a new cluster of that name: INACTIVE clusters are forgotten, oldest first, when
     * the region holds {@link #MAX_CLUSTERS}; past that many ACTIVE ones, ECS's ClientException.
     */
    public void makeRoomFor(String name) {
        if (byName.containsKey(name) || byName.size() < MAX_CLUSTERS) {
            return;
        }
        var names = byName.values().iterator();
        while (byName.size() >= MAX_CLUSTERS && names.hasNext()) {
            Cluster next = names.next();
            if (INACTIVE.equals(next.status())) {
                names.remove();
                region.changed(Clusters.class, next.clusterName());
            }
        }
        if (byName.size() >= MAX_CLUSTERS) {
            throw EcsErrors.client("This account already has " + MAX_CLUSTERS + " clusters in " + region.region()
                    + ", the Amazon ECS quota of clusters per account: delete a cluster first.");
        }
    }

    /** Every ACTIVE cluster, sorted by ARN. */
    public List<Cluster> active() {
        List<Cluster> active = new ArrayList<>();
        for (Cluster cluster : byName.values()) {
            if (ACTIVE.equals(cluster.status())) {
                active.add(cluster);
            }
        }
        active.sort(Comparator.comparing(Cluster::clusterArn));
        return active;
    }

    /** The cluster name in a name or an ARN of this account and region; empty for an ARN of another one. */
    Optional<String> nameOf(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return Optional.of(DEFAULT_NAME);
        }
        if (!Arns.looksLikeArn(nameOrArn)) {
            return Optional.of(nameOrArn);
        }
        return Arns.parse(nameOrArn)
                .filter(arn -> arn.service().equals("ecs") && arn.resource().startsWith("cluster/"))
                .filter(arn -> arn.accountId().equals(region.accountId()) && arn.region().equals(region.region()))
                .map(arn -> arn.resource().substring("cluster/".length()));
    }

    /** Every cluster, INACTIVE ones too, as DescribeClusters writes them. Clusters have no lifecycle to resume. */
    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byName.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (Cluster cluster : SavedStateJson.read(snapshot, new TypeReference<List<Cluster>>() { })) {
            if (cluster == null || cluster.clusterName() == null) {
                throw new IllegalArgumentException("a cluster lacks its name: " + cluster);
            }
            byName.put(cluster.clusterName(), cluster);
        }
    }

    /** A cluster is journaled by its name, as DescribeClusters writes it. */
    @Override
    public Optional<JsonNode> snapshotOf(String name) {
        return Optional.ofNullable(byName.get(name)).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String name, JsonNode json) {
        if (json == null) {
            byName.remove(name);
            return;
        }
        Cluster cluster = SavedStateJson.read(json, Cluster.class);
        if (cluster == null || cluster.clusterName() == null || !cluster.clusterName().equals(name)) {
            throw new IllegalArgumentException("the cluster saved as '" + name + "' is named " + (cluster == null ? null : cluster.clusterName()));
        }
        byName.put(name, cluster);
    }
}
