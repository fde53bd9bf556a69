package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

/**
 * One asynchronous Cloud Map operation: what it changes (its {@link OperationEffect}), when it is
 * due to complete, where it is in SUBMITTED, PENDING, SUCCESS or FAIL, and the instance changes
 * queued behind it.
 */
final class OperationRecord {
    private final String id;
    private final long sequence;
    private final String ownerAccount;
    private final OperationType type;
    private final Map<OperationTargetType, String> targets;
    private final String requestId;
    private final String resourceKey;
    private final Instant createDate;
    private final Instant dueAt;
    private final OperationEffect effect;
    private final List<QueuedInstanceChange> whenDone = new ArrayList<>();
    private OperationStatus status = OperationStatus.SUBMITTED;
    private Instant updateDate;
    private String errorCode;
    private String errorMessage;

    OperationRecord(String id, long sequence, String ownerAccount, OperationType type,
                    Map<OperationTargetType, String> targets, String requestId, String resourceKey, Instant now,
                    Instant dueAt, OperationEffect effect) {
        this.id = id;
        this.sequence = sequence;
        this.ownerAccount = ownerAccount;
        this.type = type;
        this.targets = new EnumMap<>(targets);
        this.requestId = requestId;
        this.resourceKey = resourceKey;
        this.createDate = now;
        this.updateDate = now;
        this.dueAt = dueAt;
        this.effect = effect;
    }

    /**
     * {@code {"operation": Operation, "sequence", "requestId", "resourceKey", "dueAt", "effect", "queued": […]}};
     * an operation that has finished keeps no effect or queue.
     */
    ObjectNode toJson() {
        ObjectNode json = AwsJsonCodec.MAPPER.createObjectNode();
        json.set("operation", AwsJsonCodec.write(toOperation()));
        json.put("sequence", sequence).put("requestId", requestId).put("resourceKey", resourceKey)
                .put("dueAt", dueAt.toString());
        if (inProgress()) {
            json.set("effect", effect.toJson());
            ArrayNode queued = json.putArray("queued");
            whenDone.forEach(change -> queued.add(change.toJson()));
        }
        return json;
    }

    static OperationRecord fromJson(JsonNode json) {
        Operation operation = AwsJsonCodec.read(json.path("operation"), Operation.builder());
        if (operation.id() == null || operation.type() == null || operation.status() == null || operation.createDate() == null) {
            throw new IllegalArgumentException("an operation lacks its Id, Type, Status or CreateDate");
        }
        boolean inProgress = operation.status() == OperationStatus.SUBMITTED || operation.status() == OperationStatus.PENDING;
        OperationRecord record = new OperationRecord(operation.id(), json.path("sequence").asLong(), operation.ownerAccount(),
                operation.type(), operation.targets(), json.path("requestId").textValue(),
                json.path("resourceKey").textValue(), operation.createDate(), Instant.parse(json.path("dueAt").asText()),
                inProgress ? OperationEffect.fromJson(json.path("effect")) : null);
        record.status = operation.status();
        record.updateDate = operation.updateDate();
        record.errorCode = operation.errorCode();
        record.errorMessage = operation.errorMessage();
        json.path("queued").forEach(change -> record.whenDone.add(QueuedInstanceChange.fromJson(change)));
        return record;
    }

    String id() {
        return id;
    }

    /** Orders operations by submission, as a sortable key for pagination. */
    String sortKey() {
        return String.format("%019d", sequence);
    }

    OperationType type() {
        return type;
    }

    OperationStatus status() {
        return status;
    }

    boolean inProgress() {
        return status == OperationStatus.SUBMITTED || status == OperationStatus.PENDING;
    }

    String target(OperationTargetType targetType) {
        return targets.get(targetType);
    }

    /** The CreatorRequestId or UpdaterRequestId the caller gave, if any. */
    String requestId() {
        return requestId;
    }

    /** The one resource the operation changes ("namespace:ns-…", "instance:srv-…/id"), for spotting concurrent changes. */
    String resourceKey() {
        return resourceKey;
    }

    Instant updateDate() {
        return updateDate;
    }

    Instant createDate() {
        return createDate;
    }

    /** When the operation completes: SUCCESS or FAIL, with its effect applied. */
    Instant dueAt() {
        return dueAt;
    }

    OperationEffect effect() {
        return effect;
    }

    void pending(Instant now) {
        status = OperationStatus.PENDING;
        updateDate = now;
    }

    void succeed(Instant now) {
        status = OperationStatus.SUCCESS;
        updateDate = now;
    }

    void fail(Instant now, String code, String message) {
        status = OperationStatus.FAIL;
        updateDate = now;
        errorCode = code;
        errorMessage = message;
    }

    /** Submits {@code next} once this operation has finished (at once if it already has). */
    void whenDone(QueuedInstanceChange next, AccountRegion region) {
        if (inProgress()) {
            whenDone.add(next);
            region.changed(Operations.class, id);
        } else {
            next.submit(region);
        }
    }

    List<QueuedInstanceChange> takeFollowUps() {
        List<QueuedInstanceChange> followUps = List.copyOf(whenDone);
        whenDone.clear();
        return followUps;
    }

    Operation toOperation() {
        return Operation.builder().id(id).ownerAccount(ownerAccount).type(type).status(status)
                .errorCode(errorCode).errorMessage(errorMessage).createDate(createDate).updateDate(updateDate)
                .targets(targets).build();
    }

    OperationSummary toSummary() {
        return OperationSummary.builder().id(id).status(status).build();
    }
}
