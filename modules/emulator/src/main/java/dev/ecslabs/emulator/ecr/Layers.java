package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.Blob;
import dev.ecslabs.emulator.blob.BlobStore;
import dev.ecslabs.emulator.blob.BlobUpload;
import dev.ecslabs.emulator.blob.Digest;
import dev.ecslabs.emulator.protocol.AwsException;
import java.util.Optional;

/**
 * The layers of ECR repositories: completing an upload (the digest verified against the content
 * received), mounting a layer from another repository, and reading one. The content lives once in
 * the {@link BlobStore}; a repository reaches only the layers linked to it.
 */
public final class Layers {
    private final BlobStore blobs;

    public Layers(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Ends an upload whose content must have the {@code expected} digest, stores it and links it to
     * the repository. Throws ECR's InvalidLayerException when the content has another digest (and
     * stores nothing), EmptyUploadException when nothing was uploaded.
     */
    public Digest complete(RepositoryState repository, BlobUpload upload, Digest expected) {
        return complete(repository, upload, expected, false);
    }

    /**
     * As {@link #complete(RepositoryState, BlobUpload, Digest)}; {@code allowEmpty} is the registry's
     * way, where an empty blob is a blob like any other.
     */
    public Digest complete(RepositoryState repository, BlobUpload upload, Digest expected, boolean allowEmpty) {
        if (upload.size() == 0 && !allowEmpty) {
            throw new AwsException("EmptyUploadException", "The upload with id '" + upload.uploadId()
                    + "' contains no layer parts: upload the layer with UploadLayerPart before completing it");
        }
        BlobUpload.Completed completed = upload.finish();
        if (!completed.digest().equals(expected)) {
            throw new AwsException("InvalidLayerException", "The layer digest calculated for the upload ("
                    + completed.digest() + ") does not match the digest in the request (" + expected
                    + "): the layer content was changed or truncated on the way, so it was not stored");
        }
        blobs.put(completed.digest(), completed.blob());
        repository.linkLayer(completed.digest(), completed.blob().size());
        return completed.digest();
    }

    /** Links a layer of {@code from} to {@code to}, as a cross-repository mount does; false when {@code from} lacks it. */
    public boolean mount(RepositoryState from, RepositoryState to, Digest digest) {
        Optional<Long> size = from.layerSize(digest);
        if (size.isEmpty() || !blobs.contains(digest)) {
            return false;
        }
        to.linkLayer(digest, size.get());
        return true;
    }

    /** A layer of the repository, if it was pushed or mounted there. */
    public Optional<Blob> read(RepositoryState repository, Digest digest) {
        return repository.hasLayer(digest) ? blobs.get(digest) : Optional.empty();
    }
}
