package dev.ecslabs.emulator.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One layer upload under way, whether it came through ECR's InitiateLayerUpload/UploadLayerPart
 * or the registry's {@code POST /v2/<name>/blobs/uploads/}: the bytes received so far, kept in
 * chunks, and their sha256 computed as they arrive, so completing an upload never reads the
 * content twice. Uploads are refused past {@link #MAX_BYTES}, the emulator's own limit for a
 * blob it keeps in memory; a part that would cross it is dropped whole.
 */
public final class BlobUpload {
    /** The largest blob the emulator accepts: 1 GiB (ECR's own limit, 52,000 MiB, is for disks). */
    public static final long MAX_BYTES = 1L << 30;
    private static final int CHUNK = 1 << 20;

    private final String uploadId = UUID.randomUUID().toString();
    private final String repositoryName;
    private final Instant startedAt;
    private final List<byte[]> chunks = new ArrayList<>();
    private final MessageDigest sha256 = Digest.sha256();
    private final long maxBytes;
    private long size;
    private boolean finished;

    public BlobUpload(String repositoryName, Instant startedAt) {
        this(repositoryName, startedAt, MAX_BYTES);
    }

    BlobUpload(String repositoryName, Instant startedAt, long maxBytes) {
        this.repositoryName = repositoryName;
        this.startedAt = startedAt;
        this.maxBytes = maxBytes;
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

    public String repositoryName() {
        return repositoryName;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized long size() {
        return size;
    }

    /** Appends a part read from a stream; a part that would cross the size limit is dropped whole. */
    public synchronized long append(InputStream in) throws IOException, TooLargeException {
        checkOpen();
        List<byte[]> part = new ArrayList<>();
        long partSize = 0;
        byte[] buffer = new byte[CHUNK];
        int filled = 0;
        int read;
        while ((read = in.read(buffer, filled, buffer.length - filled)) != -1) {
            filled += read;
            if (size + partSize + filled > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            if (filled == buffer.length) {
                part.add(buffer);
                partSize += filled;
                buffer = new byte[CHUNK];
                filled = 0;
            }
        }
        if (filled > 0) {
            byte[] last = new byte[filled];
            System.arraycopy(buffer, 0, last, 0, filled);
            part.add(last);
            partSize += filled;
        }
        for (byte[] chunk : part) {
            sha256.update(chunk);
            chunks.add(chunk);
        }
        size += partSize;
        return partSize;
    }

    public synchronized long append(byte[] part) throws TooLargeException {
        try {
            return append(new ByteArrayInputStream(part));
        } catch (IOException e) {
            throw new IllegalStateException("A byte array cannot fail to read", e);
        }
    }

    /** Ends the upload: the digest of everything received and the content as a blob. */
    public synchronized Completed finish() {
        checkOpen();
        finished = true;
        return new Completed(Digest.of(sha256), new ChunkedBlob(List.copyOf(chunks), size));
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("The upload " + uploadId + " is already complete");
        }
    }

    /** What an upload received: its digest, computed by the emulator, and its content. */
    public record Completed(Digest digest, Blob blob) {
    }

    /** Content kept as the chunks it arrived in, never copied into one array. */
    private record ChunkedBlob(List<byte[]> chunks, long size) implements Blob {
        @Override
        public InputStream open() {
            List<InputStream> streams = new ArrayList<>(chunks.size());
            for (byte[] chunk : chunks) {
                streams.add(new ByteArrayInputStream(chunk));
            }
            return new SequenceInputStream(Collections.enumeration(streams));
        }
    }
}
