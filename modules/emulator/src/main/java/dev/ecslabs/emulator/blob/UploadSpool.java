package dev.ecslabs.emulator.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where layer uploads under way keep their bytes: one file per upload in a directory (the data
 * directory's {@code uploads/}, or a temporary one), so an upload costs disk, not heap. It also
 * counts the bytes in flight, per account and in total, and refuses a part that would pass either
 * limit, so no client can fill the disk with uploads it never completes.
 */
public final class UploadSpool {
    /** In-flight bytes one account may hold in unfinished uploads: two of the largest blobs. */
    public static final long DEFAULT_ACCOUNT_LIMIT = 2L << 30;
    /** In-flight bytes all accounts together may hold in unfinished uploads. */
    public static final long DEFAULT_TOTAL_LIMIT = 8L << 30;
    private static final String SUFFIX = ".part";

    private final Path directory;
    private final long accountLimit;
    private final long totalLimit;
    private final AtomicLong total = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> byAccount = new ConcurrentHashMap<>();

    private UploadSpool(Path directory, long accountLimit, long totalLimit) {
        this.directory = directory;
        this.accountLimit = accountLimit;
        this.totalLimit = totalLimit;
    }

    /** The spool in {@code directory}, created if needed; parts a crash or restart left behind are removed (uploads do not survive one). */
    public static UploadSpool open(Path directory, long accountLimit, long totalLimit) {
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the layer upload directory " + directory, e);
        }
        return new UploadSpool(directory, accountLimit, totalLimit);
    }

    /** Thrown when a part would take an account's, or all accounts', in-flight upload bytes past the limit. */
    public static final class LimitExceededException extends RuntimeException {
        public LimitExceededException(String message) {
            super(message, null, false, false);
        }
    }

    public long accountLimit() {
        return accountLimit;
    }

    public long totalLimit() {
        return totalLimit;
    }

    /** The file an upload writes its bytes to. Upload ids are UUIDs the emulator made, never a client's text. */
    Path fileFor(String uploadId) {
        return directory.resolve(uploadId + SUFFIX);
    }

    /** Counts {@code bytes} more in flight for the account, or throws and counts nothing. */
    void reserve(String accountId, long bytes) {
        AtomicLong account = byAccount.computeIfAbsent(accountId, id -> new AtomicLong());
        if (account.addAndGet(bytes) > accountLimit) {
            account.addAndGet(-bytes);
            throw new LimitExceededException("Account " + accountId + " has " + (accountLimit >> 20) + " MiB in layer "
                    + "uploads that are not complete, the most the emulator holds for one account: complete or cancel "
                    + "them (unfinished uploads expire after 24 hours), then send this part again");
        }
        if (total.addAndGet(bytes) > totalLimit) {
            total.addAndGet(-bytes);
            account.addAndGet(-bytes);
            throw new LimitExceededException("The emulator holds " + (totalLimit >> 20) + " MiB in layer uploads that "
                    + "are not complete, the most it holds for all accounts together: send this part again later");
        }
    }

    void release(String accountId, long bytes) {
        if (bytes == 0) {
            return;
        }
        total.addAndGet(-bytes);
        // Entries stay (one counter per account that ever uploaded): removing one could lose a concurrent reservation.
        byAccount.get(accountId).addAndGet(-bytes);
    }

    /** The bytes in unfinished uploads now, for one account. */
    public long inFlight(String accountId) {
        AtomicLong account = byAccount.get(accountId);
        return account == null ? 0 : account.get();
    }

    /** The bytes in unfinished uploads now, for all accounts. */
    public long inFlight() {
        return total.get();
    }
}
