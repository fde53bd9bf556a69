package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.blob.BlobUpload;
import dev.ecslabs.emulator.blob.UploadSpool;
import dev.ecslabs.emulator.clock.EmulatorClock;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layer uploads under way in the emulator, by upload id, whether started with
 * InitiateLayerUpload or with the registry's {@code POST /v2/<name>/blobs/uploads/}; each belongs
 * to one account, region and repository and is found only by them. Parts are appended outside the
 * account-region lock (a large part must not stall every other call), so this map is concurrent
 * and each upload guards itself. An upload that receives nothing for {@link #ABANDONED_AFTER} of
 * emulated time is expired by a step scheduled on the clock, and its bytes deleted.
 */
public final class LayerUploads {
    /** An upload that received no part this long (emulated time) is abandoned and dropped. */
    public static final Duration ABANDONED_AFTER = Duration.ofHours(24);
    /** Unfinished uploads one account may hold at once; a client that opens more is leaking them. */
    public static final int MAX_UPLOADS_PER_ACCOUNT = 1_000;

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Map<String, EmulatorClock.Scheduled> expiries = new ConcurrentHashMap<>();
    private final UploadSpool spool;
    private final EmulatorClock clock;

    public LayerUploads(UploadSpool spool, EmulatorClock clock) {
        this.spool = spool;
        this.clock = clock;
    }

    private record Session(BlobUpload upload, String region) {
    }

    public UploadSpool spool() {
        return spool;
    }

    /** Starts an upload to a repository of the account-region; refused past {@link #MAX_UPLOADS_PER_ACCOUNT}. */
    public BlobUpload start(AccountRegion region, String repositoryName) {
        long open = byId.values().stream().filter(s -> s.upload().accountId().equals(region.accountId())).count();
        if (open >= MAX_UPLOADS_PER_ACCOUNT) {
            throw new UploadSpool.LimitExceededException("Account " + region.accountId() + " has " + open
                    + " layer uploads that are not complete, the most the emulator holds for one account: complete or "
                    + "cancel them (unfinished uploads expire after 24 hours without a part)");
        }
        BlobUpload upload = new BlobUpload(spool, region.accountId(), repositoryName, clock.now());
        byId.put(upload.uploadId(), new Session(upload, region.region()));
        expireWhenIdle(upload, ABANDONED_AFTER);
        return upload;
    }

    /** The upload with that id, if it was started for that account, region and repository and is not finished. */
    public Optional<BlobUpload> find(AccountRegion region, String uploadId, String repositoryName) {
        return Optional.ofNullable(uploadId == null ? null : byId.get(uploadId))
                .filter(s -> s.upload().accountId().equals(region.accountId()) && s.region().equals(region.region())
                        && s.upload().repositoryName().equals(repositoryName))
                .map(Session::upload);
    }

    /** Forgets the upload and deletes what it received. */
    public void remove(BlobUpload upload) {
        byId.remove(upload.uploadId());
        EmulatorClock.Scheduled expiry = expiries.remove(upload.uploadId());
        if (expiry != null) {
            expiry.cancel(); // the clock need not hold the upload for a day
        }
        upload.discard();
    }

    /** How many uploads are under way, in every account. */
    public int size() {
        return byId.size();
    }

    private void expireWhenIdle(BlobUpload upload, Duration after) {
        expiries.put(upload.uploadId(), clock.schedule(after, () -> {
            if (!byId.containsKey(upload.uploadId())) {
                return;
            }
            Instant expiresAt = upload.lastActive().plus(ABANDONED_AFTER);
            Instant now = clock.now();
            if (now.isBefore(expiresAt)) {
                expireWhenIdle(upload, Duration.between(now, expiresAt)); // a part arrived since: look again then
            } else {
                remove(upload);
            }
        }));
    }
}
