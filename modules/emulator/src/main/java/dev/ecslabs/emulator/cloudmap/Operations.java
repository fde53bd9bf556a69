package dev.ecslabs.emulator.cloudmap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.ResourceArea;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

/**
 * The asynchronous operations of one account and region. Each runs on the emulator's clock:
 * SUBMITTED when asked for, PENDING {@link OperationTimings#PENDING_AFTER} later, and SUCCESS or
 * FAIL after its duration, which is also when its effect is applied, never earlier. Since each
 * operation keeps its effect as data and the time it is due, one still in progress is saved in a
 * snapshot and finishes after a restart ({@link #resume}).
 */
final class Operations implements ResourceArea {
    /** Why an operation failed, with one of the ErrorCode values AWS documents for Operation. */
    record Failure(String code, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    /**
     * Finished operations kept per account and region for GetOperation and ListOperations; older
     * ones are forgotten first. AWS documents no retention, but every registration of every task
     * adds one, so without a bound a long-running emulator would keep them all.
     */
    static final int MAX_FINISHED_KEPT = 10_000;

    private final AccountRegion region;
    private final Map<String, OperationRecord> byId = new LinkedHashMap<>();
    private long sequence;

    private Operations(AccountRegion region) {
        this.region = region;
    }

    static Operations of(AccountRegion region) {
        return region.area(Operations.class, Operations::new);
    }

    /**
     * Starts an operation whose {@code effect} runs when it completes; the effect answers
     * {@code null} on success or the reason it failed.
     */
    OperationRecord submit(OperationType type, Map<OperationTargetType, String> targets, String requestId,
                           String resourceKey, Duration duration, OperationEffect effect) {
        Instant now = region.now();
        OperationRecord operation = new OperationRecord(CloudMapIds.operationId(), sequence++, region.accountId(), type,
                targets, requestId, resourceKey, now, now.plus(duration), effect);
        byId.put(operation.id(), operation);
        region.changed(Operations.class, operation.id());
        forgetOldestFinished();
        schedule(operation);
        return operation;
    }

    private void forgetOldestFinished() {
        if (byId.size() <= MAX_FINISHED_KEPT) {
            return;
        }
        long finished = byId.values().stream().filter(o -> !o.inProgress()).count();
        var oldestFirst = byId.values().iterator();
        while (finished > MAX_FINISHED_KEPT && oldestFirst.hasNext()) {
            OperationRecord oldest = oldestFirst.next();
            if (!oldest.inProgress()) {
                oldestFirst.remove();
                region.changed(Operations.class, oldest.id());
                finished--;
            }
        }
    }

    /** Schedules again, after a restart, the next steps of every operation still in progress, at the times they were due. */
    void resume() {
        byId.values().stream().filter(OperationRecord::inProgress).forEach(this::schedule);
    }

    private void schedule(OperationRecord operation) {
        Instant now = region.now();
        if (operation.status() == OperationStatus.SUBMITTED) {
            region.schedule(Duration.between(now, operation.createDate().plus(OperationTimings.PENDING_AFTER)), () -> {
                if (operation.status() == OperationStatus.SUBMITTED) {
                    operation.pending(region.now());
                }
            });
        }
        region.schedule(Duration.between(now, operation.dueAt()), () -> complete(operation));
    }

    private void complete(OperationRecord operation) {
        if (!operation.inProgress() || byId.get(operation.id()) != operation) {
            return;
        }
        Failure failure = operation.effect().apply(region);
        if (failure == null) {
            operation.succeed(region.now());
        } else {
            operation.fail(region.now(), failure.code(), failure.message());
        }
        for (QueuedInstanceChange followUp : operation.takeFollowUps()) {
            try {
                followUp.submit(region);
            } catch (AwsException e) {
                // a queued change that no longer applies (its service was deleted meanwhile) is dropped
                LOG.info("A queued Cloud Map change was dropped: {}", e.getMessage());
            }
        }
    }

    Optional<OperationRecord> find(String operationId) {
        return Optional.ofNullable(byId.get(operationId));
    }

    /** The operation still in progress on a resource, if there is one. */
    Optional<OperationRecord> inProgressOn(String resourceKey) {
        return byId.values().stream().filter(o -> o.inProgress() && resourceKey.equals(o.resourceKey())).findFirst();
    }

    /** The latest operation of a type that was submitted with this CreatorRequestId or UpdaterRequestId. */
    Optional<OperationRecord> byRequestId(OperationType type, String requestId) {
        if (requestId == null) {
            return Optional.empty();
        }
        OperationRecord latest = null;
        for (OperationRecord operation : byId.values()) {
            if (operation.type() == type && requestId.equals(operation.requestId())) {
                latest = operation;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Every operation, oldest first. */
    List<OperationRecord> all() {
        return new ArrayList<>(byId.values());
    }

    /** The whole area as it is saved: the next sequence, and every operation, finished ones too (GetOperation answers them). */
    record Saved(long sequence, List<OperationRecord.Saved> operations) {
    }

    @Override
    public JsonNode snapshot() {
        return SavedStateJson.write(new Saved(sequence, byId.values().stream().map(OperationRecord::saved).toList()));
    }

    @Override
    public void restore(JsonNode snapshot) {
        Saved saved = SavedStateJson.read(snapshot, Saved.class);
        for (OperationRecord.Saved operation : saved.operations() == null ? List.<OperationRecord.Saved>of() : saved.operations()) {
            OperationRecord restored = OperationRecord.restored(operation);
            byId.put(restored.id(), restored);
        }
        sequence = saved.sequence();
    }

    /** An operation is journaled by its id, as {@link OperationRecord.Saved}. */
    @Override
    public Optional<JsonNode> snapshotOf(String id) {
        return Optional.ofNullable(byId.get(id)).map(operation -> SavedStateJson.write(operation.saved()));
    }

    @Override
    public void restoreResource(String id, JsonNode json) {
        if (json == null) {
            byId.remove(id);
            return;
        }
        OperationRecord.Saved saved = SavedStateJson.read(json, OperationRecord.Saved.class);
        OperationRecord operation = OperationRecord.restored(saved);
        if (!operation.id().equals(id)) {
            throw new IllegalArgumentException("the operation saved as '" + id + "' has the id " + operation.id());
        }
        byId.put(id, operation);
        // the next operation is numbered after every one restored, as it was when this one was submitted
        sequence = Math.max(sequence, saved.sequence() + 1);
    }
}
