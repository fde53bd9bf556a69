package dev.ecslabs.emulator.ecr;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;

/**
 * The last lifecycle policy preview of a repository: the policy it tried, its status, when it
 * started (it completes {@link LifecycleEnforcement#PREVIEW_DURATION} later), and what it would expire.
 */
public record LifecyclePreview(String policyText, LifecyclePolicyPreviewStatus status, Instant startedAt,
                               List<LifecyclePolicyPreviewResult> results) {
}
