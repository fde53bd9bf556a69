package dev.ecslabs.emulator.ecr;

import dev.ecslabs.emulator.registry.BlobUpload;
import dev.ecslabs.emulator.state.AccountRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layer uploads under way in one account and region, by upload id, whether started with
 * InitiateLayerUpload or with the registry's {@code POST /v2/<name>/blobs/uploads/}. Parts are
 * appended outside the account-region lock (a large part must not stall every other call), so
 * this map is concurrent and each upload guards itself.
 */
public final class LayerUploads {
    /** An upload left unfinished this long (emulated time) is dropped when the next one starts. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(24);

    private final Map<String, BlobUpload> byId = new ConcurrentHashMap<>();

    private LayerUploads() {
    }

    public static LayerUploads of(AccountRegion region) {
        return region.area(LayerUploads.class, r -> new LayerUploads());
    }

    public BlobUpload start(String repositoryName, Instant now) {
        byId.values().removeIf(upload -> upload.startedAt().plus(ABANDONED_AFTER).isBefore(now));
        BlobUpload upload = new BlobUpload(repositoryName, now);
        byId.put(upload.uploadId(), upload);
        return upload;
    }

    /** The upload with that id, if it was started for that repository and is not finished. */
    public Optional<BlobUpload> find(String uploadId, String repositoryName) {
        return Optional.ofNullable(uploadId == null ? null : byId.get(uploadId))
                .filter(upload -> upload.repositoryName().equals(repositoryName));
    }

    public void remove(String uploadId) {
        byId.remove(uploadId);
    }
}
