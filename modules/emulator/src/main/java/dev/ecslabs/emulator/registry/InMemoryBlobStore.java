package dev.ecslabs.emulator.registry;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The default blob store: content kept in memory for the life of the emulator. */
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
        blobs.putIfAbsent(digest, content);
    }
}
