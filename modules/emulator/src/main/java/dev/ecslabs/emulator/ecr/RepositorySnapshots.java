package dev.ecslabs.emulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.state.SavedStateJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * The saved form of one ECR repository, bound as a record by {@link SavedStateJson}: its settings
 * and tags as the SDK's {@link Repository} and {@link Tag}, its policies as the text that was put,
 * the links to its layers (digest and size: the content is in the blob store, not here), each
 * image's exact manifest bytes (base64, since the digest is their sha256) with its tags, and the
 * scans and lifecycle preview under way with the instants they started, from which they resume.
 * A component added to {@link SavedRepository} is saved with it.
 */
final class RepositorySnapshots {
    private RepositorySnapshots() {
    }

    /** One repository as it is saved; {@code null} where the repository has no such thing. */
    record SavedRepository(Repository repository, List<Tag> tags, String policyText, String lifecyclePolicyText,
                           Instant lifecyclePolicyLastEvaluatedAt, Instant pendingEvaluationAt, LifecyclePreview preview,
                           SortedMap<String, Long> layers, List<SavedImage> images, SortedMap<String, ImageScan> scans) {
    }

    /** One image: its manifest's bytes in base64, as pushed. */
    record SavedImage(String manifest, String mediaType, long sizeInBytes, Instant pushedAt, List<String> tags) {
    }

    static JsonNode write(RepositoryState state) {
        return SavedStateJson.write(saved(state));
    }

    static SavedRepository saved(RepositoryState state) {
        List<SavedImage> images = new ArrayList<>();
        for (ImageRecord image : state.images().all()) {
            images.add(new SavedImage(Base64.getEncoder().encodeToString(image.manifest().bytes()), image.mediaType(),
                    image.sizeInBytes(), image.pushedAt(), List.copyOf(state.images().tagsOf(image.digest()))));
        }
        SortedMap<String, Long> layers = new TreeMap<>();
        state.layers().forEach((digest, size) -> layers.put(digest.toString(), size));
        SortedMap<String, ImageScan> scans = new TreeMap<>();
        state.scans().forEach((digest, scan) -> scans.put(digest.toString(), scan));
        return new SavedRepository(state.repository(), List.copyOf(state.tags()), state.policyText().orElse(null),
                state.lifecyclePolicy().map(LifecyclePolicy::text).orElse(null),
                state.lifecyclePolicyLastEvaluatedAt().orElse(null), state.pendingEvaluationAt().orElse(null),
                state.preview().orElse(null), layers, images, scans);
    }

    static RepositoryState read(JsonNode json) {
        return state(SavedStateJson.read(json, SavedRepository.class));
    }

    static RepositoryState state(SavedRepository saved) {
        if (saved == null || saved.repository() == null) {
            throw new IllegalArgumentException("a repository's snapshot lacks 'repository'");
        }
        RepositoryState state = new RepositoryState(saved.repository(), saved.tags() == null ? List.of() : saved.tags());
        if (saved.policyText() != null) {
            state.policyText(saved.policyText());
        }
        if (saved.lifecyclePolicyText() != null) {
            state.lifecyclePolicy(LifecyclePolicy.parse(saved.lifecyclePolicyText()));
        }
        if (saved.lifecyclePolicyLastEvaluatedAt() != null) {
            state.lifecyclePolicyEvaluated(saved.lifecyclePolicyLastEvaluatedAt());
        }
        if (saved.pendingEvaluationAt() != null) {
            // only the time is kept: the evaluation is scheduled again when the repository resumes
            state.pendingEvaluation(null, saved.pendingEvaluationAt());
        }
        if (saved.preview() != null) {
            LifecyclePreview preview = saved.preview();
            if (preview.policyText() == null || preview.status() == null || preview.startedAt() == null) {
                throw new IllegalArgumentException("a lifecycle policy preview lacks its policyText, status or startedAt");
            }
            state.preview(preview);
        }
        if (saved.layers() != null) {
            saved.layers().forEach((digest, size) -> state.linkLayer(digest(digest), size));
        }
        for (SavedImage image : saved.images() == null ? List.<SavedImage>of() : saved.images()) {
            if (image.manifest() == null || image.pushedAt() == null) {
                throw new IllegalArgumentException("an image of repository " + saved.repository().repositoryName()
                        + " lacks its manifest or pushedAt");
            }
            ImageManifest manifest = ImageManifest.parse(Base64.getDecoder().decode(image.manifest()), image.mediaType());
            state.images().add(new ImageRecord(manifest, image.sizeInBytes(), image.pushedAt()));
            (image.tags() == null ? List.<String>of() : image.tags()).forEach(tag -> state.images().tag(tag, manifest.digest()));
        }
        if (saved.scans() != null) {
            for (Map.Entry<String, ImageScan> scan : saved.scans().entrySet()) {
                if (scan.getValue().status() == null || scan.getValue().startedAt() == null) {
                    throw new IllegalArgumentException("the scan of " + scan.getKey() + " lacks its status or startedAt");
                }
                state.scan(digest(scan.getKey()), scan.getValue());
            }
        }
        return state;
    }

    private static Digest digest(String text) {
        return Digest.parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a sha256 digest"));
    }
}
