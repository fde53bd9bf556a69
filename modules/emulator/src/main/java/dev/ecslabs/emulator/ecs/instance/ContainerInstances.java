package dev.ecslabs.emulator.ecs.instance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.Arns;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * The container instances of one account and region, by id, as registered: their registered
 * resources, attributes, versions, status and tags. What changes with the tasks on them (remaining
 * resources, task counts) is not kept but read from the tasks ({@link ContainerInstanceViews}).
 * A deregistered instance stays, INACTIVE, describable but no longer listed nor placed on.
 */
public final class ContainerInstances implements ResourceArea {
    public static final String ACTIVE = "ACTIVE";
    public static final String DRAINING = "DRAINING";
    public static final String INACTIVE = "INACTIVE";

    private final AccountRegion region;
    private final Map<String, ContainerInstance> byId = new TreeMap<>();

    private ContainerInstances(AccountRegion region) {
        this.region = region;
    }

    public static ContainerInstances of(AccountRegion region) {
        return region.area(ContainerInstances.class, ContainerInstances::new);
    }

    public String arn(String clusterName, String id) {
        return Arns.of("ecs", region.region(), region.accountId(), "container-instance/" + clusterName + "/" + id);
    }

    /** The id in a container instance ARN ({@code …:container-instance/<cluster>/<id>}) or the id itself. */
    public static String idOf(String idOrArn) {
        return idOrArn.substring(idOrArn.lastIndexOf('/') + 1);
    }

    /** The cluster name in a container instance ARN. */
    public static String clusterNameOf(ContainerInstance instance) {
        String resource = instance.containerInstanceArn().substring(instance.containerInstanceArn().indexOf("container-instance/")
                + "container-instance/".length());
        return resource.substring(0, resource.indexOf('/'));
    }

    /** The instance a request names by id or ARN in the cluster, in any status. */
    public Optional<ContainerInstance> find(String clusterName, String idOrArn) {
        if (idOrArn == null || idOrArn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byId.get(idOf(idOrArn))).filter(i -> clusterNameOf(i).equals(clusterName))
                .filter(i -> !Arns.looksLikeArn(idOrArn) || i.containerInstanceArn().equals(idOrArn));
    }

    /** The cluster's instances registered from this EC2 instance, not INACTIVE. */
    public Optional<ContainerInstance> byEc2Instance(String clusterName, String ec2InstanceId) {
        return inCluster(clusterName).stream().filter(i -> ec2InstanceId.equals(i.ec2InstanceId())).findFirst();
    }

    /** The cluster's instances that are not INACTIVE, sorted by ARN. */
    public List<ContainerInstance> inCluster(String clusterName) {
        List<ContainerInstance> found = new ArrayList<>();
        for (ContainerInstance instance : byId.values()) {
            if (clusterNameOf(instance).equals(clusterName) && !INACTIVE.equals(instance.status())) {
                found.add(instance);
            }
        }
        found.sort(Comparator.comparing(ContainerInstance::containerInstanceArn));
        return found;
    }

    public void put(ContainerInstance instance) {
        String id = idOf(instance.containerInstanceArn());
        byId.put(id, instance);
        region.changed(ContainerInstances.class, id);
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(List.copyOf(byId.values()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        for (ContainerInstance instance : SavedStateJson.read(snapshot, new TypeReference<List<ContainerInstance>>() { })) {
            byId.put(idOf(instance.containerInstanceArn()), instance);
        }
    }

    @Override
    public Optional<JsonNode> snapshotOf(String id) {
        return Optional.ofNullable(byId.get(id)).map(SavedStateJson::write);
    }

    @Override
    public void restoreResource(String id, JsonNode json) {
        if (json == null) {
            byId.remove(id);
            return;
        }
        ContainerInstance instance = SavedStateJson.read(json, ContainerInstance.class);
        if (instance == null || instance.containerInstanceArn() == null || !idOf(instance.containerInstanceArn()).equals(id)) {
            throw new IllegalArgumentException("the container instance saved as '" + id + "' is " + instance);
        }
        byId.put(id, instance);
    }
}
