package dev.ecslabs.emulator.cloudmap;

import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;

/**
 * The asynchronous operations of one account and region. Each runs on the emulator's clock:
 * SUBMITTED when asked for, PENDING {@link OperationTimings#PENDING_AFTER} later, and SUCCESS or
 * FAIL after its duration, which is also when its effect is applied, never earlier.
 */
final class Operations {
    /** Why an operation failed, with one of the ErrorCode values AWS documents for Operation. */
    record Failure(String code, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

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
                           String resourceKey, Duration duration, Supplier<Failure> effect) {
        OperationRecord operation = new OperationRecord(CloudMapIds.operationId(), sequence++, region.accountId(), type,
                targets, requestId, resourceKey, region.now());
        byId.put(operation.id(), operation);
        region.schedule(OperationTimings.PENDING_AFTER, () -> operation.pending(region.now()));
        region.schedule(duration, () -> complete(operation, effect));
        return operation;
    }

    private void complete(OperationRecord operation, Supplier<Failure> effect) {
        Failure failure = effect.get();
        if (failure == null) {
            operation.succeed(region.now());
        } else {
            operation.fail(region.now(), failure.code(), failure.message());
        }
        for (Runnable followUp : operation.takeFollowUps()) {
            try {
                followUp.run();
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
}
