package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyRuleAction;

/**
 * Applies lifecycle policies on the emulator's clock. AWS expires affected images "within 24
 * hours"; the emulator evaluates a repository {@link #EVALUATION_DELAY} (emulated time) after a
 * push, a deletion or a policy change, and again that long after the moment the next image comes
 * of age for a {@code sinceImagePushed} rule, so an image is expired at most 30 emulated seconds
 * after it meets the policy's criteria. Previews run the same evaluation {@link #PREVIEW_DURATION}
 * after they start, on the images as they are then.
 */
public final class LifecycleEnforcement {
    /** The bounded delay between an image meeting a policy's criteria and its expiry. */
    public static final Duration EVALUATION_DELAY = Duration.ofSeconds(30);
    /** How long a lifecycle policy preview stays IN_PROGRESS. */
    public static final Duration PREVIEW_DURATION = Duration.ofSeconds(10);

    /** Something changed in the repository: evaluate its policy, if it has one, within the delay. */
    public void changed(AccountRegion region, RepositoryState repository) {
        if (repository.lifecyclePolicy().isEmpty()) {
            repository.cancelPendingEvaluation();
            return;
        }
        scheduleAt(region, repository, region.now().plus(EVALUATION_DELAY));
    }

    void stop(RepositoryState repository) {
        repository.cancelPendingEvaluation();
    }

    /** Starts a preview of {@code policy} on the repository's images; it completes on the clock. */
    void startPreview(AccountRegion region, RepositoryState repository, LifecyclePolicy policy) {
        LifecyclePreview running = new LifecyclePreview(policy.text(), LifecyclePolicyPreviewStatus.IN_PROGRESS,
                region.now(), List.of());
        repository.preview(running);
        schedulePreview(region, repository, running, policy);
    }

    /**
     * Schedules again, after a restart, what was pending for the repository: a preview in
     * progress, and the next evaluation of its policy, each at the time it was due.
     */
    void resume(AccountRegion region, RepositoryState repository) {
        repository.preview().filter(p -> p.status() == LifecyclePolicyPreviewStatus.IN_PROGRESS)
                .ifPresent(running -> schedulePreview(region, repository, running, LifecyclePolicy.parse(running.policyText())));
        repository.pendingEvaluationAt().ifPresent(at -> {
            repository.cancelPendingEvaluation();
            scheduleAt(region, repository, at);
        });
    }

    private void schedulePreview(AccountRegion region, RepositoryState repository, LifecyclePreview running,
                                 LifecyclePolicy policy) {
        Duration delay = Duration.between(region.now(), running.startedAt().plus(PREVIEW_DURATION));
        region.schedule(delay, () -> {
            if (repository.preview().orElse(null) != running) {
                return;
            }
            List<LifecyclePolicyPreviewResult> results = new ArrayList<>();
            for (LifecyclePolicy.Expiry expiry : policy.evaluate(candidates(repository), region.now())) {
                results.add(LifecyclePolicyPreviewResult.builder()
                        .imageDigest(expiry.image().digest().toString())
                        .imageTags(expiry.image().tags().isEmpty() ? null : List.copyOf(expiry.image().tags()))
                        .imagePushedAt(expiry.image().pushedAt())
                        .action(LifecyclePolicyRuleAction.builder().type(ImageActionType.EXPIRE).build())
                        .appliedRulePriority(expiry.rulePriority())
                        .build());
            }
            repository.preview(new LifecyclePreview(policy.text(), LifecyclePolicyPreviewStatus.COMPLETE,
                    running.startedAt(), List.copyOf(results)));
        });
    }

    private void scheduleAt(AccountRegion region, RepositoryState repository, Instant at) {
        Optional<Instant> pending = repository.pendingEvaluationAt();
        if (pending.isPresent() && !pending.get().isAfter(at)) {
            return;
        }
        Duration delay = Duration.between(region.now(), at);
        repository.pendingEvaluation(region.schedule(delay, () -> evaluate(region, repository)), at);
    }

    private void evaluate(AccountRegion region, RepositoryState repository) {
        repository.pendingEvaluation(null, null);
        Optional<LifecyclePolicy> policy = repository.lifecyclePolicy();
        if (policy.isEmpty() || !Repositories.of(region).isCurrent(repository)) {
            return;
        }
        Instant now = region.now();
        for (LifecyclePolicy.Expiry expiry : policy.get().evaluate(candidates(repository), now)) {
            // An image an index lists stays while the index does, as BatchDeleteImage refuses to delete it.
            if (!repository.images().isReferencedByIndex(expiry.image().digest())) {
                repository.deleteImage(expiry.image().digest());
            }
        }
        repository.lifecyclePolicyEvaluated(now);
        policy.get().nextAgeThreshold(candidates(repository), now)
                .ifPresent(due -> scheduleAt(region, repository, due.plus(EVALUATION_DELAY)));
    }

    private static List<LifecyclePolicy.Candidate> candidates(RepositoryState repository) {
        List<LifecyclePolicy.Candidate> candidates = new ArrayList<>();
        for (ImageRecord image : repository.images().all()) {
            candidates.add(new LifecyclePolicy.Candidate(image.digest(),
                    new TreeSet<>(repository.images().tagsOf(image.digest())), image.pushedAt()));
        }
        return candidates;
    }
}
