package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.protocol.AwsException;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;

/**
 * The rules of ECR images, shared by the API (PutImage, BatchDeleteImage, …) and the registry's
 * manifest routes: pushing a manifest (its blobs must be in the repository, tags honour the
 * repository's tag mutability), finding an image by tag or digest, and what follows a push (scan
 * on push, lifecycle evaluation).
 */
public final class Images {
    /** ECR's default quota "Images per repository" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html). */
    public static final int MAX_IMAGES_PER_REPOSITORY = 10_000;
    /** An image tag: what Docker and OCI allow, up to ECR's 300 characters. */
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,299}");
    /** ECR's rule for a digest in an image id. */
    static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");

    private final ImageScanning scanning;
    private final LifecycleEnforcement lifecycle;

    public Images(ImageScanning scanning, LifecycleEnforcement lifecycle) {
        this.scanning = scanning;
        this.lifecycle = lifecycle;
    }

    /** A push's outcome: the image, and whether the repository already had it under that tag. */
    public record Pushed(ImageRecord image, boolean unchanged) {
    }

    /**
     * Stores an image. {@code repeatable} is the registry's way: pushing the same manifest under
     * the same tag again succeeds without change, where PutImage answers ImageAlreadyExistsException.
     */
    public Pushed push(AccountRegion region, RepositoryState repository, ImageManifest manifest, String tag,
                       boolean repeatable) {
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw EcrErrors.invalidParameter("imageTag", "an image tag is 1 to 300 letters, digits, '_', '.' and '-', "
                    + "not starting with '.' or '-'; '" + tag + "' is not one");
        }
        checkReferences(repository, manifest);
        Digest digest = manifest.digest();
        Optional<ImageRecord> existing = repository.images().find(digest);
        Optional<Digest> tagged = tag == null ? Optional.empty() : repository.images().digestOf(tag);
        if (tagged.isPresent() && tagged.get().equals(digest) || tag == null && existing.isPresent()) {
            if (repeatable) {
                return new Pushed(existing.orElseThrow(), true);
            }
            throw new AwsException("ImageAlreadyExistsException", "Image with digest '" + digest + "'"
                    + (tag == null ? "" : " and tag '" + tag + "'") + " already exists in the repository with name '"
                    + repository.name() + "' in registry with id '" + repository.registryId() + "'");
        }
        if (tagged.isPresent() && isImmutable(repository, tag)) {
            throw new AwsException("ImageTagAlreadyExistsException", "The image tag '" + tag + "' already exists in the '"
                    + repository.name() + "' repository and cannot be overwritten because the repository is immutable.");
        }
        if (existing.isEmpty() && repository.images().count() >= MAX_IMAGES_PER_REPOSITORY) {
            throw EcrErrors.limitExceeded("The repository '" + repository.name() + "' already holds "
                    + MAX_IMAGES_PER_REPOSITORY + " images, ECR's default quota of images per repository: delete "
                    + "images (BatchDeleteImage) or let a lifecycle policy expire them.");
        }
        ImageRecord image = existing.orElseGet(() -> new ImageRecord(manifest, sizeOf(repository, manifest), region.now()));
        repository.images().add(image);
        if (tag != null) {
            repository.images().tag(tag, digest);
        }
        if (existing.isEmpty()) {
            scanning.pushed(region, repository, image);
        }
        lifecycle.changed(region, repository);
        return new Pushed(image, false);
    }

    /** An image looked up by an image id: the image, or the per-id failure ECR reports. */
    public record Lookup(ImageRecord image, ImageFailure failure) {
    }

    /** Finds the image an image id names, with the failure codes of BatchGetImage and BatchDeleteImage. */
    public static Lookup find(RepositoryState repository, ImageIdentifier id) {
        String digestText = id.imageDigest();
        String tag = id.imageTag();
        if (digestText == null && tag == null) {
            return failed(id, ImageFailureCode.MISSING_DIGEST_AND_TAG, "Invalid request parameters: both tag and digest cannot be null");
        }
        Digest digest = null;
        if (digestText != null) {
            if (!DIGEST.matcher(digestText).matches()) {
                return failed(id, ImageFailureCode.INVALID_IMAGE_DIGEST, "Invalid request parameters: image digest should "
                        + "satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
            }
            Optional<Digest> parsed = Digest.parse(digestText);
            if (parsed.isEmpty()) {
                return failed(id, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found");
            }
            digest = parsed.get();
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            return failed(id, ImageFailureCode.INVALID_IMAGE_TAG, "Invalid request parameters: '" + tag
                    + "' is not a valid image tag");
        }
        if (tag != null) {
            Optional<Digest> tagged = repository.images().digestOf(tag);
            if (tagged.isEmpty()) {
                return failed(id, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found");
            }
            if (digest != null && !digest.equals(tagged.get())) {
                return failed(id, ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                        "Invalid request parameters: given tag does not map to the given digest");
            }
            digest = tagged.get();
        }
        return repository.images().find(digest).map(image -> new Lookup(image, null))
                .orElseGet(() -> failed(id, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found"));
    }

    /** Whether pushing a different image under this tag must be refused, by the repository's tag mutability. */
    static boolean isImmutable(RepositoryState repository, String tag) {
        ImageTagMutability mutability = repository.repository().imageTagMutability();
        if (mutability == ImageTagMutability.IMMUTABLE) {
            return true;
        }
        if (mutability == ImageTagMutability.IMMUTABLE_WITH_EXCLUSION) {
            return !matchesExclusion(repository, tag);
        }
        if (mutability == ImageTagMutability.MUTABLE_WITH_EXCLUSION) {
            return matchesExclusion(repository, tag);
        }
        return false;
    }

    private static boolean matchesExclusion(RepositoryState repository, String tag) {
        for (ImageTagMutabilityExclusionFilter filter : repository.repository().imageTagMutabilityExclusionFilters()) {
            String regex = ("\\Q" + filter.filter() + "\\E").replace("*", "\\E.*\\Q");
            if (tag.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    private static void checkReferences(RepositoryState repository, ImageManifest manifest) {
        List<String> missing = new ArrayList<>();
        for (ImageManifest.Descriptor blob : manifest.blobs()) {
            Optional<Long> size = repository.layerSize(blob.digest());
            if (size.isEmpty()) {
                missing.add(blob.digest().toString());
            } else if (size.get() != blob.size()) {
                throw EcrErrors.invalidParameter("ImageManifest", "the descriptor of " + blob.digest() + " declares "
                        + blob.size() + " bytes, but the layer pushed has " + size.get());
            }
        }
        if (!missing.isEmpty()) {
            throw new AwsException("LayersNotFoundException", "Layers with digests '" + missing + "' required for pushing "
                    + "image into repository with name '" + repository.name() + "' in the registry with id '"
                    + repository.registryId() + "' do not exist. Upload them first (CompleteLayerUpload, or the "
                    + "registry's blob upload).");
        }
        List<String> missingImages = new ArrayList<>();
        for (ImageManifest.Descriptor child : manifest.manifests()) {
            if (repository.images().find(child.digest()).isEmpty()) {
                missingImages.add(child.digest().toString());
            }
        }
        if (!missingImages.isEmpty()) {
            throw new AwsException("ReferencedImagesNotFoundException", "The image index references images with "
                    + "digests '" + missingImages + "' that do not exist in the repository with name '"
                    + repository.name() + "'. Push those images first.");
        }
    }

    /** ECR's image size: the layers' sizes added up; for an index, the largest image it lists. */
    private static long sizeOf(RepositoryState repository, ImageManifest manifest) {
        if (manifest.isIndex()) {
            long largest = 0;
            for (ImageManifest.Descriptor child : manifest.manifests()) {
                largest = Math.max(largest, repository.images().find(child.digest()).map(ImageRecord::sizeInBytes).orElse(0L));
            }
            return largest;
        }
        long size = 0;
        for (ImageManifest.Descriptor layer : manifest.layers()) {
            size += repository.layerSize(layer.digest()).orElse(layer.size());
        }
        return size;
    }

    private static Lookup failed(ImageIdentifier id, ImageFailureCode code, String reason) {
        return new Lookup(null, ImageFailure.builder().imageId(id).failureCode(code).failureReason(reason).build());
    }
}
