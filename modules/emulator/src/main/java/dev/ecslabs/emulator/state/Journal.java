package dev.ecslabs.emulator.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The append-only journal in the data directory: files {@code journal-<first sequence number>.log}
 * of {@link JournalRecords records}, written in order. A checkpoint starts a new file, and once
 * the snapshot that covers the older files is on disk, they are deleted.
 */
final class Journal implements AutoCloseable {
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";

    private final Path directory;
    private FileChannel current;
    private Path currentFile;
    private long bytes;

    Journal(Path directory) {
        this.directory = directory;
    }

    /** Every journal file in the directory, oldest first. */
    static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(Journal::isJournal).sorted().toList();
        }
    }

    private static boolean isJournal(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file);
    }

    /** Starts a new file for the records from {@code firstSequence} on; the files before it stay until {@link #deleteOlderFiles}. */
    void startFile(long firstSequence) throws IOException {
        closeCurrent();
        Files.createDirectories(directory);
        currentFile = directory.resolve(String.format(Locale.ROOT, "%s%020d%s", PREFIX, firstSequence, SUFFIX));
        current = FileChannel.open(currentFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        bytes = 0;
    }

    /**
     * Hands one record to the operating system, which is what survives {@code kill -9}; with
     * {@code force}, also waits until it is on the disk, which is what survives a power cut.
     */
    void append(byte[] content, boolean force) throws IOException {
        ByteBuffer record = JournalRecords.frame(content);
        while (record.hasRemaining()) {
            bytes += current.write(record);
        }
        if (force) {
            current.force(false);
        }
    }

    /** Bytes written to the current file. */
    long size() {
        return bytes;
    }

    /** Deletes every journal file but the current one: a checkpoint on disk covers them. */
    void deleteOlderFiles() throws IOException {
        for (Path file : files(directory)) {
            if (!file.equals(currentFile)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Closes the current file and deletes every journal file: the final checkpoint covers them all. */
    void closeAndDeleteAll() throws IOException {
        closeCurrent();
        currentFile = null;
        deleteOlderFiles();
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
