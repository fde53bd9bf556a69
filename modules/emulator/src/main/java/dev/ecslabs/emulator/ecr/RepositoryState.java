package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.clock.EmulatorClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * Everything ECR keeps for one repository: its settings (the SDK's {@link Repository}), tags,
 * repository policy, lifecycle policy and its last preview, its images, the layers pushed to it,
 * and the scans of its images. Only reached under its account-region's lock.
 */
public final class RepositoryState {
    private Repository repository;
    private List<Tag> tags;
    private String policyText;
    private LifecyclePolicy lifecyclePolicy;
    private Instant lifecyclePolicyLastEvaluatedAt;
    private LifecyclePreview preview;
    private EmulatorClock.Scheduled pendingEvaluation;
    private Instant pendingEvaluationAt;
    private final RepositoryImages images = new RepositoryImages();
    private final Map<Digest, Long> layers = new HashMap<>();
    private final Map<Digest, ImageScan> scans = new HashMap<>();

    RepositoryState(Repository repository, List<Tag> tags) {
        this.repository = repository;
        this.tags = List.copyOf(tags);
    }

    public Repository repository() {
        return repository;
    }

    public String name() {
        return repository.repositoryName();
    }

    public String registryId() {
        return repository.registryId();
    }

    void update(Repository updated) {
        this.repository = updated;
    }

    public List<Tag> tags() {
        return tags;
    }

    void tags(List<Tag> updated) {
        this.tags = List.copyOf(updated);
    }

    Optional<String> policyText() {
        return Optional.ofNullable(policyText);
    }

    void policyText(String text) {
        this.policyText = text;
    }

    Optional<LifecyclePolicy> lifecyclePolicy() {
        return Optional.ofNullable(lifecyclePolicy);
    }

    void lifecyclePolicy(LifecyclePolicy policy) {
        this.lifecyclePolicy = policy;
        this.lifecyclePolicyLastEvaluatedAt = null;
    }

    Optional<Instant> lifecyclePolicyLastEvaluatedAt() {
        return Optional.ofNullable(lifecyclePolicyLastEvaluatedAt);
    }

    void lifecyclePolicyEvaluated(Instant at) {
        this.lifecyclePolicyLastEvaluatedAt = at;
    }

    Optional<LifecyclePreview> preview() {
        return Optional.ofNullable(preview);
    }

    void preview(LifecyclePreview preview) {
        this.preview = preview;
    }

    /** When the next lifecycle evaluation of this repository is due, if one is scheduled. */
    Optional<Instant> pendingEvaluationAt() {
        return Optional.ofNullable(pendingEvaluationAt);
    }

    void pendingEvaluation(EmulatorClock.Scheduled scheduled, Instant at) {
        cancelPendingEvaluation();
        this.pendingEvaluation = scheduled;
        this.pendingEvaluationAt = at;
    }

    void cancelPendingEvaluation() {
        if (pendingEvaluation != null) {
            pendingEvaluation.cancel();
        }
        pendingEvaluation = null;
        pendingEvaluationAt = null;
    }

    public RepositoryImages images() {
        return images;
    }

    /** Whether a blob was pushed (or mounted) to this repository, and so may be read through it. */
    public boolean hasLayer(Digest digest) {
        return layers.containsKey(digest);
    }

    public Optional<Long> layerSize(Digest digest) {
        return Optional.ofNullable(layers.get(digest));
    }

    public void linkLayer(Digest digest, long size) {
        layers.put(digest, size);
    }

    /** Deletes an image, its tags and its scan; its layers stay linked, as ECR keeps them for other images. */
    public void deleteImage(Digest digest) {
        images.remove(digest);
        scans.remove(digest);
    }

    Map<Digest, ImageScan> scans() {
        return scans;
    }

    /** The layers linked to this repository, with their sizes. */
    Map<Digest, Long> layers() {
        return layers;
    }
}
