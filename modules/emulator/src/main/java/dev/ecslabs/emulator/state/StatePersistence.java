package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
     * Restores the snapshot into {@code store} (empty, with every service already wired), resumes
     * the restored lifecycles and starts writing snapshots of it. If any area can't take its part
     * back, the snapshot is moved aside and the store emptied again before anything was
     * scheduled: half a learner's state would be worse than a clear message.
     */
    public void restoreAndKeep(StateStore store, EmulatorContext context) {
        this.context = context;
        if (loaded != null) {
            List<AccountRegion> restored = null;
            try {
                restored = restoreInto(store);
            } catch (RuntimeException e) {
                store.clear();
                try {
                    setAside(e);
                } catch (IOException moveFailed) {
                    throw new UncheckedIOException("Cannot move aside the unreadable " + file.path(), moveFailed);
                }
            }
            if (restored != null) {
                List<String> problems = resume(restored);
                int count = restored.size();
                report = "Restored " + count + " account-region" + (count == 1 ? "" : "s") + " from " + file.path() + "."
                        + (problems.isEmpty() ? "" : " " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                        + ": " + String.join(" ", problems));
            }
        }
        this.store = store;
        this.changesWritten = context.changes();
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emulator-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeIfChanged, WRITE_DELAY_MILLIS, WRITE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** What happened to the saved state at start, in a sentence for the learner. */
    public String report() {
        return report;
    }

    public Path file() {
        return file.path();
    }

    private List<AccountRegion> restoreInto(StateStore target) {
        List<AccountRegion> restored = new ArrayList<>();
        for (JsonNode entry : loaded.path("accountRegions")) {
            String accountId = entry.path("accountId").asText();
            String region = entry.path("region").asText();
            if (!accountId.matches("\\d{12}") || region.isBlank()) {
                throw new IllegalArgumentException("an entry has account '" + accountId + "' and region '" + region + "'");
            }
            AccountRegion accountRegion = target.get(accountId, region);
            for (Map.Entry<String, JsonNode> area : entry.path("areas").properties()) {
                PersistentArea restoredArea = areas.create(area.getKey(), accountRegion).orElseThrow(() ->
                        new IllegalArgumentException("it holds an area '" + area.getKey()
                                + "' that this emulator does not know (it knows " + areas.keys() + ")"));
                try {
                    accountRegion.lockedForSnapshot(() -> {
                        restoredArea.restore(area.getValue());
                        return null;
                    });
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("its area '" + area.getKey() + "' of " + accountRegion
                            + " can't be read back: " + e.getMessage(), e);
                }
            }
            restored.add(accountRegion);
        }
        return restored;
    }

    /**
     * Runs every resumer on every restored account-region. A resumer that fails is reported, not
     * fatal: the state it would have resumed is restored and stays visible.
     */
    private List<String> resume(List<AccountRegion> restored) {
        List<String> problems = new ArrayList<>();
        for (AccountRegion region : restored) {
            for (PersistentAreas.Resumer resumer : areas.resumers()) {
                try {
                    region.lockedForSnapshot(() -> {
                        resumer.resume(region, problems::add);
                        return null;
                    });
                } catch (RuntimeException e) {
                    problems.add("Part of " + region + " could not be resumed (" + e.getMessage() + ").");
                    LOG.error("A restored lifecycle of {} could not be resumed", region, e);
                }
            }
        }
        problems.forEach(problem -> LOG.warn("Restoring the saved state: {}", problem));
        return problems;
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

    /**
     * Takes and writes a snapshot at once, changed or not, and answers its size in bytes; what the
     * writer does half a second after a change, for a caller that must know it is on disk now.
     */
    public synchronized int saveNow() {
        try {
            long changes = context.changes();
            byte[] snapshot = JSON.writeValueAsBytes(take());
            file.write(snapshot);
            lastWritten = snapshot;
            changesWritten = changes;
            return snapshot.length;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the emulator's state to " + file.path(), e);
        }
    }

    private ObjectNode take() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.putNull("takenAt");
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
        // read after the areas, so that no timestamp in them is later than the time the clock resumes at
        root.put("takenAt", context.clock().now().toString());
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
