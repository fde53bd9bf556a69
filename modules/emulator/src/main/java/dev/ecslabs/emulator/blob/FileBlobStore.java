package dev.ecslabs.emulator.blob;

import dev.ecslabs.emulator.state.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Blob content in files, for an emulator that keeps its state across restarts: one file per blob,
 * {@code sha256/<64 hex>} under its directory, named only by a validated {@link Digest}. A blob is
 * written to a temporary file, forced to the disk and then moved into place, so a file under its
 * digest's name is always the whole blob; {@link #put} returns only once it is there, which is
 * what lets a snapshot that links a blob count on finding it after a crash.
 */
public final class FileBlobStore implements BlobStore {
    private static final String TEMP_SUFFIX = AtomicFile.TEMP_SUFFIX;

    private final Path directory;
    private final boolean durable;

    private FileBlobStore(Path directory, boolean durable) {
        this.directory = directory;
        this.durable = durable;
    }

    /** The store in {@code directory}, created if needed; temporary files a crash left behind are removed. */
    public static FileBlobStore open(Path directory) {
        return open(directory, true);
    }

    /**
     * A store for an emulator without a data directory: its files live only as long as the emulator,
     * so they are not forced to the disk; it keeps image content out of the heap all the same.
     */
    public static FileBlobStore openTemporary(Path directory) {
        return open(directory, false);
    }

    private static FileBlobStore open(Path directory, boolean durable) {
        Path blobs = directory.resolve(Digest.ALGORITHM);
        try {
            Files.createDirectories(blobs);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(blobs, "*" + TEMP_SUFFIX)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the image blob store in " + directory, e);
        }
        return new FileBlobStore(blobs, durable);
    }

    /** Where the blob of {@code digest} is, or would be, kept. */
    public Path file(Digest digest) {
        return directory.resolve(digest.hex());
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.isRegularFile(file(digest));
    }

    @Override
    public Optional<Blob> get(Digest digest) {
        Path file = file(digest);
        try {
            return Optional.of(new FileBlob(file, Files.size(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the blob " + digest + " in " + file, e);
        }
    }

    @Override
    public void put(Digest digest, Blob content) {
        Path target = file(digest);
        if (Files.isRegularFile(target)) {
            return;
        }
        try {
            Optional<Path> movable = content.movableFile();
            if (movable.isEmpty() || !AtomicFile.moveInto(movable.get(), target, durable)) {
                AtomicFile.write(target, content::writeTo, durable);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the blob " + digest + " in " + directory, e);
        }
    }

    /** A blob read from its file each time it is opened, so the store holds no content in memory. */
    private record FileBlob(Path file, long size) implements Blob {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }
}
