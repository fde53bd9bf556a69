package dev.ecslabs.emulator.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the registry keeps bytes: blobs ({@code blobs/}) and the parts of uploads under way
 * ({@code uploads/}), on the disk so that neither grows the heap. With a data directory they live
 * there and the blobs survive a restart; without one, in a temporary directory deleted on close.
 */
public final class BlobStorage implements AutoCloseable {
    private final FileBlobStore blobs;
    private final UploadSpool uploads;
    private final Path temporaryRoot;

    private BlobStorage(FileBlobStore blobs, UploadSpool uploads, Path temporaryRoot) {
        this.blobs = blobs;
        this.uploads = uploads;
        this.temporaryRoot = temporaryRoot;
    }

    /** The storage in the data directory, or in a new temporary directory when {@code dataDirectory} is null. */
    public static BlobStorage open(Path dataDirectory, long accountUploadLimit, long totalUploadLimit) {
        if (dataDirectory != null) {
            return new BlobStorage(FileBlobStore.open(dataDirectory.resolve("blobs")),
                    UploadSpool.open(dataDirectory.resolve("uploads"), accountUploadLimit, totalUploadLimit), null);
        }
        Path root;
        try {
            root = Files.createTempDirectory("ecs-labs-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the registry's blobs", e);
        }
        return new BlobStorage(FileBlobStore.openTemporary(root.resolve("blobs")),
                UploadSpool.open(root.resolve("uploads"), accountUploadLimit, totalUploadLimit), root);
    }

    public BlobStore blobs() {
        return blobs;
    }

    public UploadSpool uploads() {
        return uploads;
    }

    /** Deletes the temporary directory, if the storage has one; a data directory is kept. */
    @Override
    public void close() {
        if (temporaryRoot == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(temporaryRoot)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // what is left is in the system's temporary directory, which the system clears
        }
    }
}
