package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an emulator's state across restarts in a data directory: restores the last snapshot at
 * start, writes a new one shortly after anything changed and once more when the emulator stops.
 * A snapshot that can't be restored whole is moved aside and reported, never silently dropped.
 *
 * <pre>{@code
 * { "format": "ecs-labs-emulator-state/1", "takenAt": "<emulated time>",
 *   "accountRegions": [ { "accountId": "000000000000", "region": "us-east-1",
 *                         "areas": { "ecs/clusters": … } } ] }
 * }</pre>
 */
public final class StatePersistence implements AutoCloseable {
    static final String FORMAT = "ecs-labs-emulator-state/1";
    /** How long a change may wait before it is on disk: short enough that a crash loses almost nothing. */
    private static final long WRITE_DELAY_MILLIS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StatePersistence.class);

    private final SnapshotFile file;
    private final PersistentAreas areas;
    private JsonNode loaded;
    private String report;
    private StateStore store;
    private EmulatorContext context;
    private ScheduledExecutorService writer;
    private long changesWritten = -1;
    private byte[] lastWritten;

    private StatePersistence(SnapshotFile file, PersistentAreas areas) {
        this.file = file;
        this.areas = areas;
    }

    /** Reads the data directory's snapshot, if there is one; one that can't be read is moved aside and reported. */
    public static StatePersistence open(Path dataDirectory, PersistentAreas areas) {
        StatePersistence persistence = new StatePersistence(new SnapshotFile(dataDirectory), areas);
        try {
            Optional<byte[]> bytes = persistence.file.read();
            if (bytes.isEmpty()) {
                persistence.report = "No saved state in " + dataDirectory + " yet: the emulator starts empty.";
                return persistence;
            }
            try {
                JsonNode json = JSON.readTree(bytes.get());
                if (json == null || !FORMAT.equals(json.path("format").asText())) {
                    throw new IllegalArgumentException("it is not an " + FORMAT + " file");
                }
                Instant.parse(json.path("takenAt").asText());
                persistence.loaded = json;
                persistence.lastWritten = bytes.get();
            } catch (IOException | RuntimeException e) {
                persistence.setAside(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the emulator's saved state in " + dataDirectory, e);
        }
        return persistence;
    }

    /** The emulated time the snapshot was taken: the clock resumes there, so the emulated world pauses while stopped. */
    public Optional<Instant> resumeAt() {
        return loaded == null ? Optional.empty() : Optional.of(Instant.parse(loaded.path("takenAt").asText()));
    }

    /**
     * Restores the snapshot into a store from {@code newStore} and starts writing snapshots of it.
     * If any area can't take its part back, the snapshot is moved aside and the emulator starts
     * with a new, empty store: half a learner's state would be worse than a clear message.
     */
    public StateStore restoreAndKeep(Supplier<StateStore> newStore, EmulatorContext context) {
        this.context = context;
        StateStore restored = newStore.get();
        if (loaded != null) {
            try {
                int count = restoreInto(restored);
                report = "Restored " + count + " account-region" + (count == 1 ? "" : "s") + " from " + file.path() + ".";
            } catch (RuntimeException e) {
                try {
                    setAside(e);
                } catch (IOException moveFailed) {
                    throw new UncheckedIOException("Cannot move aside the unreadable " + file.path(), moveFailed);
                }
                restored = newStore.get();
            }
        }
        this.store = restored;
        this.changesWritten = context.changes();
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emulator-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeIfChanged, WRITE_DELAY_MILLIS, WRITE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        return restored;
    }

    /** What happened to the saved state at start, in a sentence for the learner. */
    public String report() {
        return report;
    }

    public Path file() {
        return file.path();
    }

    private int restoreInto(StateStore target) {
        int count = 0;
        for (JsonNode entry : loaded.path("accountRegions")) {
            String accountId = entry.path("accountId").asText();
            String region = entry.path("region").asText();
            if (!accountId.matches("\\d{12}") || region.isBlank()) {
                throw new IllegalArgumentException("an entry has account '" + accountId + "' and region '" + region + "'");
            }
            AccountRegion accountRegion = target.get(accountId, region);
            // All areas of an account-region under one hold of its lock: a lifecycle step an area schedules
            // while restoring (a service to reconcile) runs only once its neighbours (the tasks) are back too.
            accountRegion.lockedForSnapshot(() -> {
                for (Map.Entry<String, JsonNode> area : entry.path("areas").properties()) {
                    PersistentArea restored = areas.create(area.getKey(), accountRegion).orElseThrow(() ->
                            new IllegalArgumentException("it holds an area '" + area.getKey()
                                    + "' that this emulator does not know (it knows " + areas.keys() + ")"));
                    restored.restore(area.getValue());
                }
                return null;
            });
            count++;
        }
        return count;
    }

    private void setAside(Exception why) throws IOException {
        Path aside = file.setAside();
        loaded = null;
        lastWritten = null;
        report = "The saved state " + file.path() + " could not be restored (" + why.getMessage() + "). It was kept as "
                + aside + " and the emulator starts empty.";
        LOG.error(report);
        LOG.debug("Why the saved state could not be restored", why);
    }

    private synchronized void writeIfChanged() {
        try {
            long changes = context.changes();
            if (changes == changesWritten) {
                return;
            }
            byte[] snapshot = JSON.writeValueAsBytes(take());
            if (!Arrays.equals(snapshot, lastWritten)) {
                file.write(snapshot);
                lastWritten = snapshot;
            }
            changesWritten = changes;
        } catch (IOException | RuntimeException e) {
            // a full disk must not stop the emulator; the next change tries again
            LOG.error("Could not save the emulator's state to {}", file.path(), e);
        }
    }

    private ObjectNode take() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("takenAt", context.clock().now().toString());
        ArrayNode regions = root.putArray("accountRegions");
        // sorted, so that the same state always makes the same bytes and an unchanged snapshot is not rewritten
        for (AccountRegion region : store.all().stream().sorted(Comparator.comparing(AccountRegion::toString)).toList()) {
            ObjectNode snapshots = region.lockedForSnapshot(() -> {
                ObjectNode held = JSON.createObjectNode();
                for (String key : areas.keys()) {
                    areas.existing(key, region).ifPresent(area -> held.set(key, area.snapshot()));
                }
                return held;
            });
            if (!snapshots.isEmpty()) {
                regions.addObject().put("accountId", region.accountId()).put("region", region.region()).set("areas", snapshots);
            }
        }
        return root;
    }

    /** Stops writing, after one last snapshot if anything changed since the last one. */
    @Override
    public synchronized void close() {
        if (writer != null) {
            writer.shutdownNow();
            writeIfChanged();
            writer = null;
        }
    }
}
