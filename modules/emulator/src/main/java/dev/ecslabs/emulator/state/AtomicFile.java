package dev.ecslabs.emulator.state;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way the course writes a whole file that must never be seen half-written (the emulator's
 * snapshot, image blobs, labkit's progress, the classroom's room and outbox): write a temporary
 * file beside it ({@code .<name>-<random>.tmp}), force it to the disk, move it over the file in
 * one atomic rename, and force the directory so the rename is on the disk too. A crash at any
 * point leaves the old file or the new one, and at worst a temporary file that its owner may
 * sweep away.
 */
public final class AtomicFile {
    /** How every temporary file of a write in progress ends. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /** Content written to a stream, for content too large to hold in memory. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} with {@code content}, whole or not at all; creates its directory if needed. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /** Replaces {@code file} with what {@code content} writes, whole or not at all; creates its directory if needed. */
    public static void write(Path file, Content content) throws IOException {
        write(file, content, true);
    }

    /**
     * As {@link #write(Path, Content)}; with {@code durable} false nothing is forced to the disk (for
     * files that live only as long as the process, such as a registry without a data directory), and
     * the write is still whole or not at all.
     */
    public static void write(Path file, Content content, boolean durable) throws IOException {
        Path temp = temporaryBeside(file);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                if (durable) {
                    // before the rename: after a power cut only content that reached the disk is there to be renamed
                    channel.force(true);
                }
            }
            rename(temp, file, durable);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Puts the complete file {@code source} in place as {@code file}, moved rather than copied (a
     * 1 GiB layer upload is not written twice), whole or not at all. Answers false, and leaves
     * {@code file} as it was, when {@code source} can't be moved; the caller then writes it instead.
     */
    public static boolean moveInto(Path source, Path file, boolean durable) throws IOException {
        Path temp = temporaryBeside(file);
        try {
            try {
                Files.move(source, temp, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                return false;
            }
            if (durable) {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            rename(temp, file, durable);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path temporaryBeside(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        return Files.createTempFile(directory, "." + file.getFileName() + "-", TEMP_SUFFIX);
    }

    private static void rename(Path temp, Path file, boolean durable) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (durable) {
            forceDirectory(file.toAbsolutePath().getParent());
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort (Windows can't open a directory): the content is on the disk; only its name may wait for the system
        }
    }
}
