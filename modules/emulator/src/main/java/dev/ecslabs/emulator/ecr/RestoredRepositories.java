package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Resumes ECR after a restart: the scans, lifecycle previews and policy evaluations that were
 * under way are scheduled again at the times they were due, and each image is checked for its
 * blobs, since a blob file that went missing from the data directory would otherwise show only
 * as a failed pull later.
 */
final class RestoredRepositories {
    /** Enough digests to find the files; a longer list would bury the sentence. */
    private static final int DIGESTS_NAMED = 3;

    private final ImageScanning scanning;
    private final LifecycleEnforcement lifecycle;
    private final BlobStore blobs;

    RestoredRepositories(ImageScanning scanning, LifecycleEnforcement lifecycle, BlobStore blobs) {
        this.scanning = scanning;
        this.lifecycle = lifecycle;
        this.blobs = blobs;
    }

    void resume(AccountRegion region, Consumer<String> problems) {
        // existingArea, not Repositories.of: resuming must not give a region without repositories an empty area to save
        for (RepositoryState repository : region.existingArea(Repositories.class).map(Repositories::all).orElse(List.of())) {
            scanning.resume(region, repository);
            lifecycle.resume(region, repository);
            checkBlobs(region, repository, problems);
        }
    }

    private void checkBlobs(AccountRegion region, RepositoryState repository, Consumer<String> problems) {
        List<String> images = new ArrayList<>();
        Set<Digest> missing = new TreeSet<>();
        for (ImageRecord image : repository.images().all()) {
            boolean complete = true;
            for (ImageManifest.Descriptor blob : image.manifest().blobs()) {
                if (!blobs.contains(blob.digest())) {
                    missing.add(blob.digest());
                    complete = false;
                }
            }
            if (!complete) {
                Set<String> tags = repository.images().tagsOf(image.digest());
                images.add(tags.isEmpty() ? image.digest().toString() : String.join(", ", tags));
            }
        }
        if (!missing.isEmpty()) {
            List<String> named = missing.stream().limit(DIGESTS_NAMED).map(Digest::toString).toList();
            problems.accept("ECR repository '" + repository.name() + "' of " + region + " has " + images.size()
                    + " image(s) (" + String.join("; ", images) + ") whose layers are no longer in the blob store: "
                    + missing.size() + " blob(s) missing (" + String.join(", ", named)
                    + (missing.size() > DIGESTS_NAMED ? ", …" : "") + "). Pulls of them fail; push them again.");
        }
    }
}
