package dev.ecslabs.emulator.cloudmap;

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

/** One asynchronous Cloud Map operation: what it changes, and where it is in SUBMITTED, PENDING, SUCCESS or FAIL. */
final class OperationRecord {
    private final String id;
    private final long sequence;
    private final String ownerAccount;
    private final OperationType type;
    private final Map<OperationTargetType, String> targets;
    private final String requestId;
    private final String resourceKey;
    private final Instant createDate;
    private final List<Runnable> whenDone = new ArrayList<>();
    private OperationStatus status = OperationStatus.SUBMITTED;
    private Instant updateDate;
    private String errorCode;
    private String errorMessage;

    OperationRecord(String id, long sequence, String ownerAccount, OperationType type,
                    Map<OperationTargetType, String> targets, String requestId, String resourceKey, Instant now) {
        this.id = id;
        this.sequence = sequence;
        this.ownerAccount = ownerAccount;
        this.type = type;
        this.targets = new EnumMap<>(targets);
        this.requestId = requestId;
        this.resourceKey = resourceKey;
        this.createDate = now;
        this.updateDate = now;
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

    /** Runs {@code next} once this operation has finished (at once if it already has). */
    void whenDone(Runnable next) {
        if (inProgress()) {
            whenDone.add(next);
        } else {
            next.run();
        }
    }

    List<Runnable> takeFollowUps() {
        List<Runnable> followUps = List.copyOf(whenDone);
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
