package dev.ecslabs.emulator.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One layer upload under way, whether it came through ECR's InitiateLayerUpload/UploadLayerPart
 * or the registry's {@code POST /v2/<name>/blobs/uploads/}: the bytes received so far, streamed
 * to a file of the {@link UploadSpool} (never held in memory), and their sha256 computed as they
 * arrive, so completing an upload never reads the content twice. A part is kept whole or not at
 * all: one that would pass {@link #MAX_BYTES}, or the spool's in-flight limits, is cut off again.
 */
public final class BlobUpload {
    /** The largest blob the emulator accepts: 1 GiB (ECR's own limit, 52,000 MiB per layer, is for data centres). */
    public static final long MAX_BYTES = 1L << 30;
    private static final int BUFFER = 64 * 1024;

    private final String uploadId = UUID.randomUUID().toString();
    private final String accountId;
    private final String repositoryName;
    private final Instant startedAt;
    private final UploadSpool spool;
    private final Path file;
    private final long maxBytes;
    private MessageDigest sha256 = Digest.sha256();
    private long size;
    private Instant lastActive;
    private boolean finished;
    private boolean discarded;

    public BlobUpload(UploadSpool spool, String accountId, String repositoryName, Instant startedAt) {
        this(spool, accountId, repositoryName, startedAt, MAX_BYTES);
    }

    BlobUpload(UploadSpool spool, String accountId, String repositoryName, Instant startedAt, long maxBytes) {
        this.spool = spool;
        this.accountId = accountId;
        this.repositoryName = repositoryName;
        this.startedAt = startedAt;
        this.lastActive = startedAt;
        this.maxBytes = maxBytes;
        this.file = spool.fileFor(uploadId);
    }

    /** Thrown when an upload would grow past its limit; nothing of that part is kept. */
    public static final class TooLargeException extends Exception {
        TooLargeException(long maxBytes) {
            super("A blob may be at most " + maxBytes + " bytes (" + (maxBytes >> 20) + " MiB) in the emulator's registry",
                    null, false, false);
        }
    }

    public String uploadId() {
        return uploadId;
    }

    public String accountId() {
        return accountId;
    }

    public String repositoryName() {
        return repositoryName;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When a part last arrived (or the upload started): an upload idle long enough is abandoned. */
    public synchronized Instant lastActive() {
        return lastActive;
    }

    public synchronized long size() {
        return size;
    }

    /**
     * Appends a part read from a stream, at {@code now}; a part that would cross the size limit or
     * the spool's in-flight limits is dropped whole ({@link UploadSpool.LimitExceededException}).
     */
    public synchronized long append(InputStream in, Instant now) throws IOException, TooLargeException {
        checkOpen();
        MessageDigest partDigest = copyOf(sha256);
        long partSize = 0;
        boolean kept = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.position(size);
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (size + partSize + read > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                spool.reserve(accountId, read);
                partSize += read;
                partDigest.update(buffer, 0, read);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            kept = true;
        } finally {
            if (!kept) {
                spool.release(accountId, partSize);
                truncate(size);
            }
        }
        sha256 = partDigest;
        size += partSize;
        lastActive = now;
        return partSize;
    }

    public synchronized long append(byte[] part, Instant now) throws TooLargeException {
        try {
            return append(new ByteArrayInputStream(part), now);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a layer part to " + file, e);
        }
    }

    /** Ends the upload: the digest of everything received and the content as a blob, readable until {@link #discard()}. */
    public synchronized Completed finish() {
        checkOpen();
        finished = true;
        return new Completed(Digest.of(sha256), new SpooledBlob(file, size));
    }

    /** Deletes what was received and stops counting it in flight; the upload takes no more parts. Safe to call twice. */
    public synchronized void discard() {
        if (discarded) {
            return;
        }
        discarded = true;
        finished = true;
        spool.release(accountId, size);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover part is removed when the spool is next opened
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("The upload " + uploadId + " is already complete");
        }
    }

    private void truncate(long length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        } catch (IOException e) {
            // nothing was written yet, or the part is past `size` and is overwritten by the next one
        }
    }

    private static MessageDigest copyOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The JDK's SHA-256 can be cloned", e);
        }
    }

    /** What an upload received: its digest, computed by the emulator, and its content. */
    public record Completed(Digest digest, Blob blob) {
    }

    /** An upload's content in its spool file, which a file-backed blob store may take over by moving it. */
    record SpooledBlob(Path file, long size) implements Blob {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public Optional<Path> movableFile() {
            return Optional.of(file);
        }
    }
}
