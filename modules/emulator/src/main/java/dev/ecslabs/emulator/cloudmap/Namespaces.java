package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.cloudmap.NamespaceRecord.State;
import dev.ecslabs.emulator.network.DefaultVpc;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * The Cloud Map namespaces of one account and region, and the rules for creating, updating and
 * deleting them (https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateHttpNamespace.html
 * and its siblings). Every change is an asynchronous operation whose effect shows when it succeeds.
 */
final class Namespaces implements ResourceArea {
    /** "Namespaces per Region: 50" (https://docs.aws.amazon.com/cloud-map/latest/dg/cloud-map-limits.html). */
    static final int MAX_NAMESPACES = 50;

    /** What a Create*Namespace request asks for. */
    record Spec(String name, NamespaceType type, String vpc, String description, String creatorRequestId,
                Long soaTtl, List<Tag> tags) {
    }

    private final AccountRegion region;
    private final Map<String, NamespaceRecord> byId = new LinkedHashMap<>();
    private long sequence;

    private Namespaces(AccountRegion region) {
        this.region = region;
    }

    static Namespaces of(AccountRegion region) {
        return region.area(Namespaces.class, Namespaces::new);
    }

    /** A namespace that can be seen (its creation has succeeded), by id or ARN. */
    Optional<NamespaceRecord> find(String idOrArn) {
        return findIncludingCreating(idOrArn).filter(NamespaceRecord::visible);
    }

    Optional<NamespaceRecord> findIncludingCreating(String idOrArn) {
        return CloudMapArns.idOf(region, idOrArn, "namespace").map(byId::get);
    }

    NamespaceRecord require(String idOrArn) {
        return find(idOrArn).orElseThrow(() -> CloudMapErrors.namespaceNotFound(idOrArn));
    }

    /** The namespace DiscoverInstances names by its HttpName. */
    Optional<NamespaceRecord> byHttpName(String httpName) {
        return visible().stream().filter(ns -> ns.httpName().equals(httpName)).findFirst();
    }

    /** Every namespace that can be seen, oldest first. */
    List<NamespaceRecord> visible() {
        return byId.values().stream().filter(NamespaceRecord::visible).toList();
    }

    /** Every namespace, also those still being created, oldest first. */
    List<NamespaceRecord> all() {
        return new ArrayList<>(byId.values());
    }

    int serviceCount(NamespaceRecord namespace) {
        return CloudMapServices.of(region).serviceCount(namespace.id());
    }

    /** Submits a CREATE_NAMESPACE operation; the namespace exists once it succeeds. */
    OperationRecord create(Spec spec) {
        Operations operations = Operations.of(region);
        String name = spec.type() == NamespaceType.HTTP ? spec.name() : withoutTrailingDot(spec.name());
        checkName(name, spec.type());
        if (spec.type() == NamespaceType.DNS_PRIVATE && !DefaultVpc.isWellFormedVpcId(spec.vpc())) {
            throw CloudMapErrors.invalidInput("The VPC '" + spec.vpc() + "' does not exist. Give the id of a VPC, for "
                    + "example the default VPC " + DefaultVpc.VPC_ID + ".");
        }
        Optional<OperationRecord> earlier = operations.byRequestId(OperationType.CREATE_NAMESPACE, spec.creatorRequestId());
        if (earlier.isPresent() && earlier.get().inProgress()) {
            throw CloudMapErrors.duplicateRequest("A namespace with the CreatorRequestId '" + spec.creatorRequestId()
                    + "' is already being created.", earlier.get().id());
        }
        if (earlier.isPresent() && earlier.get().status() == OperationStatus.SUCCESS) {
            NamespaceRecord created = byId.get(earlier.get().target(OperationTargetType.NAMESPACE));
            if (created != null) {
                throw alreadyExists(created);
            }
        }
        for (NamespaceRecord existing : byId.values()) {
            if (conflicts(existing, name, spec)) {
                if (existing.state() == State.CREATING) {
                    String operationId = operations.inProgressOn(resourceKey(existing.id()))
                            .map(OperationRecord::id).orElse(null);
                    throw CloudMapErrors.duplicateRequest("The namespace '" + name + "' is already being created.",
                            operationId);
                }
                throw alreadyExists(existing);
            }
        }
        if (byId.size() >= MAX_NAMESPACES) {
            throw CloudMapErrors.resourceLimitExceeded("This account already has " + MAX_NAMESPACES + " namespaces in "
                    + region.region() + ", the most Cloud Map allows. Delete one you no longer need.");
        }
        List<Tag> tags = CloudMapTags.checked(spec.tags(), name);
        String id = CloudMapIds.namespaceId();
        NamespaceRecord namespace = new NamespaceRecord(id, CloudMapArns.namespace(region, id), region.accountId(), name,
                spec.type(), spec.vpc(), httpName(name, id), spec.creatorRequestId(), spec.description(), spec.soaTtl(),
                tags, region.now(), sequence++);
        byId.put(id, namespace);
        changed(namespace);
        return operations.submit(OperationType.CREATE_NAMESPACE, Map.of(OperationTargetType.NAMESPACE, id),
                spec.creatorRequestId(), resourceKey(id), OperationTimings.createOrDeleteNamespace(spec.type()),
                new OperationEffect.CreateNamespace(id));
    }

    /** Submits a DELETE_NAMESPACE operation; refused while the namespace holds services. */
    OperationRecord delete(String idOrArn) {
        NamespaceRecord namespace = require(idOrArn);
        checkNoOperationInProgress(namespace);
        int services = serviceCount(namespace);
        if (services > 0) {
            throw CloudMapErrors.resourceInUse("Namespace " + namespace.id() + " still holds " + services
                    + " service(s). Delete its services first (DeleteService), then the namespace.");
        }
        namespace.state(State.DELETING);
        changed(namespace);
        return Operations.of(region).submit(OperationType.DELETE_NAMESPACE,
                Map.of(OperationTargetType.NAMESPACE, namespace.id()), null, resourceKey(namespace.id()),
                OperationTimings.createOrDeleteNamespace(namespace.type()), new OperationEffect.DeleteNamespace(namespace.id()));
    }

    /** Submits an UPDATE_NAMESPACE operation for a namespace of {@code type}; null values leave things as they are. */
    OperationRecord update(String idOrArn, NamespaceType type, String updaterRequestId, String description, Long soaTtl) {
        NamespaceRecord namespace = require(idOrArn);
        if (namespace.type() != type) {
            throw CloudMapErrors.invalidInput("Namespace " + namespace.id() + " is a " + namespace.type()
                    + " namespace; update it with " + updateActionFor(namespace.type()) + ".");
        }
        Operations operations = Operations.of(region);
        Optional<OperationRecord> earlier = operations.byRequestId(OperationType.UPDATE_NAMESPACE, updaterRequestId);
        if (earlier.isPresent() && earlier.get().inProgress()) {
            throw CloudMapErrors.duplicateRequest("An update with the UpdaterRequestId '" + updaterRequestId
                    + "' is already in progress.", earlier.get().id());
        }
        if (namespace.state() == State.DELETING) {
            throw CloudMapErrors.resourceInUse("Namespace " + namespace.id() + " is being deleted and can no longer be updated.");
        }
        checkNoOperationInProgress(namespace);
        return operations.submit(OperationType.UPDATE_NAMESPACE, Map.of(OperationTargetType.NAMESPACE, namespace.id()),
                updaterRequestId, resourceKey(namespace.id()), OperationTimings.updateNamespace(type),
                new OperationEffect.UpdateNamespace(namespace.id(), description, soaTtl));
    }

    /** Forgets a namespace whose deletion has completed. */
    void remove(String namespaceId) {
        byId.remove(namespaceId);
        region.changed(Namespaces.class, namespaceId);
    }

    /** Marks a namespace as changed by the call being answered, so that it is journaled: every change to one must say so. */
    void changed(NamespaceRecord namespace) {
        region.changed(Namespaces.class, namespace.id());
    }

    private void checkNoOperationInProgress(NamespaceRecord namespace) {
        Operations.of(region).inProgressOn(resourceKey(namespace.id())).ifPresent(operation -> {
            throw CloudMapErrors.duplicateRequest("Namespace " + namespace.id() + " has a " + operation.type()
                    + " operation in progress; wait until it has finished (GetOperation).", operation.id());
        });
    }

    /**
     * Two HTTP namespaces cannot share a name (it is their HttpName); two DNS namespaces of the
     * same type and name cannot coexist, except private ones in different VPCs, as Route 53's
     * private hosted zones can.
     */
    private static boolean conflicts(NamespaceRecord existing, String name, Spec spec) {
        if (spec.type() == NamespaceType.HTTP) {
            return existing.httpName().equals(name);
        }
        if (existing.type() != spec.type() || !existing.name().equalsIgnoreCase(name)) {
            return false;
        }
        return spec.type() != NamespaceType.DNS_PRIVATE || existing.vpc().equals(spec.vpc());
    }

    /** "If you reuse Name for namespace creation, a generated hash is added to HttpName to distinguish the two." */
    private String httpName(String name, String id) {
        boolean taken = byId.values().stream().anyMatch(ns -> ns.httpName().equals(name));
        return taken ? name + "-" + id.substring("ns-".length(), "ns-".length() + 8) : name;
    }

    private static AwsException alreadyExists(NamespaceRecord existing) {
        return CloudMapErrors.namespaceAlreadyExists(existing.name(), existing.id(), existing.creatorRequestId());
    }

    private static void checkName(String name, NamespaceType type) {
        if (type == NamespaceType.HTTP) {
            return;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw CloudMapErrors.invalidInput("'" + name + "' is not a valid DNS name: each dot-separated label "
                        + "must have 1 to 63 characters.");
            }
        }
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    private static String updateActionFor(NamespaceType type) {
        return switch (type) {
            case HTTP -> "UpdateHttpNamespace";
            case DNS_PRIVATE -> "UpdatePrivateDnsNamespace";
            default -> "UpdatePublicDnsNamespace";
        };
    }

    /** The whole area as it is saved: the next sequence, and every namespace, those being created or deleted too. */
    record Saved(long sequence, List<NamespaceRecord.Saved> namespaces) {
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(new Saved(sequence, byId.values().stream().map(NamespaceRecord::saved).toList()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        Saved saved = SavedStateJson.read(snapshot, Saved.class);
        for (NamespaceRecord.Saved namespace : saved.namespaces() == null ? List.<NamespaceRecord.Saved>of() : saved.namespaces()) {
            NamespaceRecord restored = NamespaceRecord.restored(namespace);
            byId.put(restored.id(), restored);
        }
        sequence = saved.sequence();
    }

    /** A namespace is journaled by its id, as {@link NamespaceRecord.Saved}. */
    @Override
    public Optional<JsonNode> snapshotOf(String id) {
        return Optional.ofNullable(byId.get(id)).map(namespace -> SavedStateJson.write(namespace.saved()));
    }

    @Override
    public void restoreResource(String id, JsonNode json) {
        if (json == null) {
            byId.remove(id);
            return;
        }
        NamespaceRecord.Saved saved = SavedStateJson.read(json, NamespaceRecord.Saved.class);
        NamespaceRecord namespace = NamespaceRecord.restored(saved);
        if (!namespace.id().equals(id)) {
            throw new IllegalArgumentException("the namespace saved as '" + id + "' has the id " + namespace.id());
        }
        byId.put(id, namespace);
        // the next namespace is numbered after every one restored, as it was when this one was created
        sequence = Math.max(sequence, saved.sequence() + 1);
    }

    static String resourceKey(String namespaceId) {
        return "namespace:" + namespaceId;
    }
}
