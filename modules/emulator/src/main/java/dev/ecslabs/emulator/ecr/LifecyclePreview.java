package dev.ecslabs.emulator.ecr;

import java.util.List;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;

/** The last lifecycle policy preview of a repository: the policy it tried, its status, and what it would expire. */
public record LifecyclePreview(String policyText, LifecyclePolicyPreviewStatus status,
                               List<LifecyclePolicyPreviewResult> results) {
}
