package dev.ecslabs.emulator.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Blob content in files, for an emulator that keeps its state across restarts: one file per blob,
 * {@code sha256/<64 hex>} under its directory, named only by a validated {@link Digest}. A blob is
 * written to a temporary file, forced to the disk and then moved into place, so a file under its
 * digest's name is always the whole blob; {@link #put} returns only once it is there, which is
 * what lets a snapshot that links a blob count on finding it after a crash.
 */
public final class FileBlobStore implements BlobStore {
    private static final String TEMP_SUFFIX = ".tmp";

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
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, digest.hex().substring(0, 12) + "-", TEMP_SUFFIX);
            // An upload's file is moved rather than copied: a 1 GiB layer is not written twice.
            Optional<Path> movable = content.movableFile();
            boolean moved = movable.isPresent() && moveInto(movable.get(), temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                if (!moved) {
                    OutputStream out = Channels.newOutputStream(channel);
                    content.writeTo(out);
                    out.flush();
                }
                if (durable) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                forceDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the blob " + digest + " in " + directory, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is removed when the store is next opened
                }
            }
        }
    }

    private static boolean moveInto(Path source, Path temp) {
        try {
            Files.move(source, temp, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            return false; // copied instead, below
        }
    }

    /** Makes the move itself durable where the system allows a directory to be forced (Linux, macOS; not Windows). */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the blob's content is on the disk already; only its name may wait for the system
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
