package dev.ecslabs.emulator.blob;

import java.util.Optional;

/**
 * Where the registry keeps blob content, by digest, shared by every account and repository:
 * the same layer pushed twice is stored once. Which repository may read which blob is kept
 * apart, in each repository's layer links, so content-addressing never lets one account reach
 * another's layers. Only {@link Digest}s, validated before they get here, name the content, so
 * an implementation that keeps blobs in files can use them as file names.
 */
public interface BlobStore {

    boolean contains(Digest digest);

    Optional<Blob> get(Digest digest);

    /** Keeps content whose digest the caller has verified; storing a digest twice keeps the first. */
    void put(Digest digest, Blob content);
}
