package dev.ecslabs.emulator.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Blob content kept in memory for the life of the store: for unit tests of what sits on a store. */
public final class InMemoryBlobStore implements BlobStore {
    private final ConcurrentMap<Digest, Blob> blobs = new ConcurrentHashMap<>();

    @Override
    public boolean contains(Digest digest) {
        return blobs.containsKey(digest);
    }

    @Override
    public Optional<Blob> get(Digest digest) {
        return Optional.ofNullable(blobs.get(digest));
    }

    @Override
    public void put(Digest digest, Blob content) {
        if (blobs.containsKey(digest)) {
            return;
        }
        // Read now: the content may be an upload's file, which is deleted once the upload is done.
        try (InputStream in = content.open()) {
            blobs.putIfAbsent(digest, Blob.of(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the blob " + digest, e);
        }
    }
}
