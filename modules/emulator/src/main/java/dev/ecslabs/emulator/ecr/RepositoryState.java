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
    private final RepositoryImages images = new RepositoryImages(this::changed);
    /** Marks this repository as changed by the call being answered; set when it is added to its registry. */
    private Runnable journal = () -> { };
    private final Map<Digest, Long> layers = new HashMap<>();
    private final Map<Digest, ImageScan> scans = new HashMap<>();

    RepositoryState(Repository repository, List<Tag> tags) {
        this.repository = repository;
        this.tags = List.copyOf(tags);
    }

    /** Says how a change to this repository is marked for the journal: {@link Repositories#add} does. */
    void journalWith(Runnable mark) {
        this.journal = mark;
    }

    /** Marks this repository as changed, so that the call that changed it is answered once it is journaled. */
    void changed() {
        journal.run();
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
        changed();
    }

    public List<Tag> tags() {
        return tags;
    }

    void tags(List<Tag> updated) {
        this.tags = List.copyOf(updated);
        changed();
    }

    Optional<String> policyText() {
        return Optional.ofNullable(policyText);
    }

    void policyText(String text) {
        this.policyText = text;
        changed();
    }

    Optional<LifecyclePolicy> lifecyclePolicy() {
        return Optional.ofNullable(lifecyclePolicy);
    }

    void lifecyclePolicy(LifecyclePolicy policy) {
        this.lifecyclePolicy = policy;
        this.lifecyclePolicyLastEvaluatedAt = null;
        changed();
    }

    Optional<Instant> lifecyclePolicyLastEvaluatedAt() {
        return Optional.ofNullable(lifecyclePolicyLastEvaluatedAt);
    }

    void lifecyclePolicyEvaluated(Instant at) {
        this.lifecyclePolicyLastEvaluatedAt = at;
        changed();
    }

    Optional<LifecyclePreview> preview() {
        return Optional.ofNullable(preview);
    }

    void preview(LifecyclePreview preview) {
        this.preview = preview;
        changed();
    }

    /** When the next lifecycle evaluation of this repository is due, if one is scheduled. */
    Optional<Instant> pendingEvaluationAt() {
        return Optional.ofNullable(pendingEvaluationAt);
    }

    void pendingEvaluation(EmulatorClock.Scheduled scheduled, Instant at) {
        cancelPendingEvaluation();
        this.pendingEvaluation = scheduled;
        this.pendingEvaluationAt = at;
        changed();
    }

    void cancelPendingEvaluation() {
        if (pendingEvaluation != null) {
            pendingEvaluation.cancel();
        }
        pendingEvaluation = null;
        if (pendingEvaluationAt != null) {
            pendingEvaluationAt = null;
            changed();
        }
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
        changed();
    }

    /** Deletes an image, its tags and its scan; its layers stay linked, as ECR keeps them for other images. */
    public void deleteImage(Digest digest) {
        images.remove(digest);
        scans.remove(digest);
        changed();
    }

    /** The scans by image digest, not to be changed: {@link #scan} does. */
    Map<Digest, ImageScan> scans() {
        return java.util.Collections.unmodifiableMap(scans);
    }

    /** Keeps the scan of an image, replacing the one before. */
    void scan(Digest digest, ImageScan scan) {
        scans.put(digest, scan);
        changed();
    }

    /** The layers linked to this repository, with their sizes. */
    Map<Digest, Long> layers() {
        return java.util.Collections.unmodifiableMap(layers);
    }
}
