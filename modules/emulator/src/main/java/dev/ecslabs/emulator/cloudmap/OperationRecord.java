package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.SavedStateJson;
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
     * One operation as it is saved, bound by {@link SavedStateJson}: what GetOperation shows, and what it
     * doesn't; an operation that has finished keeps no effect or queue.
     */
    record Saved(Operation operation, long sequence, String requestId, String resourceKey, Instant dueAt,
                 OperationEffect effect, List<QueuedInstanceChange> queued) {
    }

    Saved saved() {
        return new Saved(toOperation(), sequence, requestId, resourceKey, dueAt, inProgress() ? effect : null,
                inProgress() ? List.copyOf(whenDone) : null);
    }

    static OperationRecord restored(Saved saved) {
        Operation operation = saved == null ? null : saved.operation();
        if (operation == null || operation.id() == null || operation.type() == null || operation.status() == null
                || operation.createDate() == null || saved.dueAt() == null) {
            throw new IllegalArgumentException("an operation lacks its Id, Type, Status, CreateDate or dueAt");
        }
        boolean inProgress = operation.status() == OperationStatus.SUBMITTED || operation.status() == OperationStatus.PENDING;
        if (inProgress && saved.effect() == null) {
            throw new IllegalArgumentException("operation " + operation.id() + " is in progress but its effect was not saved");
        }
        OperationRecord record = new OperationRecord(operation.id(), saved.sequence(), operation.ownerAccount(),
                operation.type(), operation.targets(), saved.requestId(), saved.resourceKey(), operation.createDate(),
                saved.dueAt(), inProgress ? saved.effect() : null);
        record.status = operation.status();
        record.updateDate = operation.updateDate();
        record.errorCode = operation.errorCode();
        record.errorMessage = operation.errorMessage();
        if (saved.queued() != null) {
            record.whenDone.addAll(saved.queued());
        }
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
