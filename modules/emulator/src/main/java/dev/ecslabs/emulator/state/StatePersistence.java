package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an emulator's state across restarts, and across {@code kill -9}, in a data directory, the
 * way databases do: a call that changed state is answered only once what it changed (the
 * resources a {@link ResourceArea} marked, or the whole of another area) is in an append-only
 * journal (handed to the operating system, and forced to the disk too when asked), concurrent
 * calls sharing one write; every few seconds a snapshot of everything becomes the
 * checkpoint after which the older journal files are deleted. At start, the snapshot and the
 * journal after it are restored part by part: one bad account-region or area is set aside and
 * reported, the rest restored.
 *
 * <pre>{@code
 * state.json: { "format": "ecs-labs-emulator-state/1", "takenAt": "<emulated time>", "journalSequence": 41,
 *               "accountRegions": [ { "accountId": "000000000000", "region": "us-east-1",
 *                                     "areas": { "ecs/clusters": … } } ] }
 * journal-00000000000000000042.log: records 42, 43, … (see AreaJournal and JournalRecords)
 * }</pre>
 */
public final class StatePersistence implements AutoCloseable {
    static final String FORMAT = SavedState.FORMAT;
    /** Lifecycle steps on the clock are not journaled; they reach the disk with a checkpoint this often, unless told otherwise. */
    public static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(2);
    /** A journal this long is checkpointed at once, so that a restart never replays much. */
    private static final long CHECKPOINT_JOURNAL_BYTES = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StatePersistence.class);

    private final Path directory;
    private final SnapshotFile file;
    private final PersistentAreas areas;
    private final boolean forceEachWrite;
    private final Duration checkpointEvery;
    private final ReentrantLock journalLock = new ReentrantLock();
    private final AtomicBoolean checkpointAsked = new AtomicBoolean();
    private SavedState saved;
    private String report;
    private StateStore store;
    private EmulatorContext context;
    private Journal journal;
    private AreaJournal records;
    private GroupCommit commits;
    private ScheduledExecutorService checkpoints;
    private long changesCheckpointed = -1;
    private byte[] lastCheckpoint;

    private StatePersistence(Path directory, PersistentAreas areas, boolean forceEachWrite, Duration checkpointEvery) {
        this.checkpointEvery = checkpointEvery;
        this.directory = directory;
        this.file = new SnapshotFile(directory);
        this.areas = areas;
        this.forceEachWrite = forceEachWrite;
    }

    /** Reads the data directory's snapshot and journal; what can't be read is moved aside and reported. */
    public static StatePersistence open(Path dataDirectory, PersistentAreas areas) {
        return open(dataDirectory, areas, false);
    }

    /**
     * As {@link #open(Path, PersistentAreas)}; with {@code forceEachWrite}, each journal write is
     * also forced to the disk before the calls it holds are answered, which survives a power cut,
     * not only a crash of the emulator.
     */
    public static StatePersistence open(Path dataDirectory, PersistentAreas areas, boolean forceEachWrite) {
        return open(dataDirectory, areas, forceEachWrite, CHECKPOINT_EVERY);
    }

    /** As {@link #open(Path, PersistentAreas, boolean)}, taking a checkpoint {@code checkpointEvery} when something changed. */
    public static StatePersistence open(Path dataDirectory, PersistentAreas areas, boolean forceEachWrite, Duration checkpointEvery) {
        StatePersistence persistence = new StatePersistence(dataDirectory, areas, forceEachWrite, checkpointEvery);
        try {
            persistence.saved = SavedState.read(persistence.file, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the emulator's saved state in " + dataDirectory, e);
        }
        return persistence;
    }

    /** The emulated time of the last change saved: the clock resumes there, so the emulated world pauses while stopped. */
    public Optional<Instant> resumeAt() {
        return saved == null ? Optional.empty() : saved.resumeAt();
    }

    /**
     * Restores the saved state into {@code store} (empty, with every service already wired),
     * resumes the restored lifecycles, writes the result as the new checkpoint and from then on
     * journals every call's changes.
     */
    public void restoreAndKeep(StateStore store, EmulatorContext context) {
        this.store = store;
        this.context = context;
        try {
            if (saved.isEmpty()) {
                report = "No saved state in " + directory + " yet: the emulator starts empty.";
            } else {
                report = new SavedStateRestore(saved, areas, file.path()).restoreInto(store);
            }
            LOG.info(report);
            journal = new Journal(directory);
            records = new AreaJournal(areas, context, saved.lastSequence());
            journal.startFile(records.lastSequence() + 1);
            if (!saved.isEmpty()) {
                // what was restored becomes the checkpoint; the journal files it covers, and the parts set aside, go
                checkpoint(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start keeping the emulator's state in " + directory, e);
        } finally {
            saved = null;
        }
        commits = new GroupCommit(this::writeToJournal);
        checkpoints = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emulator-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long every = checkpointEvery.toMillis();
        checkpoints.scheduleWithFixedDelay(this::checkpointIfDue, every, every, TimeUnit.MILLISECONDS);
    }

    /** What happened to the saved state at start, in a sentence for the learner. */
    public String report() {
        return report;
    }

    public Path file() {
        return file.path();
    }

    /** Starts recording what the call answered on this thread changes. */
    public void beginCall() {
        context.calls().begin();
    }

    /**
     * Ends the call on this thread; if it changed state, returns only once what it changed is in
     * the journal, so that its answer is never sent before that. What it changed is known from the
     * resources it marked ({@link ResourceArea}), and those it had handed out that now differ from
     * what they were; for an area that marks none, from whether it reached that area in a call that
     * {@code mayChangeWholeAreas}.
     */
    public void endCall(boolean mayChangeWholeAreas) {
        Map<AccountRegion, CallChanges.Reached> reached = context.calls().end();
        if (commits == null || reached.isEmpty()) {
            return;
        }
        Map<AccountRegion, CallChanges.Reached> changed = new LinkedHashMap<>();
        reached.forEach((region, changes) -> {
            if (changes.handedOutAny()) {
                region.lockedForSnapshot(() -> {
                    changes.dropUnchanged(region, areas);
                    return null;
                });
            }
            CallChanges.Reached kept = new CallChanges.Reached();
            kept.resources().putAll(changes.resources());
            if (mayChangeWholeAreas) {
                changes.areas().stream().filter(areas::isWholeArea).forEach(kept.areas()::add);
            }
            if (!kept.isEmpty()) {
                changed.put(region, kept);
            }
        });
        commits.awaitWritten(changed);
    }

    private void writeToJournal(Map<AccountRegion, CallChanges.Reached> group) throws IOException {
        journalLock.lock();
        try {
            Optional<AreaJournal.Record> record = records.record(group);
            if (record.isPresent()) {
                journal.append(record.get().bytes(), forceEachWrite);
                records.recorded(record.get());
            }
            if (journal.size() > CHECKPOINT_JOURNAL_BYTES && checkpointAsked.compareAndSet(false, true)) {
                checkpoints.execute(this::checkpointIfDue);
            }
        } finally {
            journalLock.unlock();
        }
    }

    private void checkpointIfDue() {
        checkpointAsked.set(false);
        try {
            checkpoint(false);
        } catch (IOException | RuntimeException e) {
            // a full disk must not stop the emulator; the journal keeps the changes, and the next checkpoint tries again
            LOG.error("Could not save the emulator's state to {}", file.path(), e);
        }
    }

    /**
     * Writes a snapshot of everything as the checkpoint and deletes the journal files it covers;
     * answers the snapshot's size, or 0 when nothing changed since the last one.
     */
    private synchronized int checkpoint(boolean evenIfUnchanged) throws IOException {
        byte[] snapshot;
        long taken;
        journalLock.lock();
        try {
            long changes = context.changes();
            if (!evenIfUnchanged && changes == changesCheckpointed && journal.size() == 0) {
                return 0;
            }
            snapshot = JSON.writeValueAsBytes(take(records.lastSequence()));
            taken = changes;
            if (journal.size() > 0) {
                journal.startFile(records.lastSequence() + 1);
            }
            records.checkpointed();
        } finally {
            journalLock.unlock();
        }
        if (!Arrays.equals(snapshot, lastCheckpoint)) {
            file.write(snapshot);
            lastCheckpoint = snapshot;
        }
        // only now: if the write failed, the next checkpoint tries again even when nothing changed meanwhile
        changesCheckpointed = taken;
        journalLock.lock();
        try {
            journal.deleteOlderFiles();
        } finally {
            journalLock.unlock();
        }
        return snapshot.length;
    }

    /** Takes and writes a checkpoint at once, changed or not, and answers its size in bytes. */
    public int saveNow() {
        try {
            return checkpoint(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the emulator's state to " + file.path(), e);
        }
    }

    private ObjectNode take(long journalSequence) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.putNull("takenAt");
        root.put("journalSequence", journalSequence);
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

    /** Writes what calls left in flight, takes a last checkpoint, and deletes the journal it covers. */
    @Override
    public void close() {
        if (commits == null) {
            return;
        }
        commits.close();
        checkpoints.shutdownNow();
        try {
            checkpoints.awaitTermination(10, TimeUnit.SECONDS);
            checkpoint(false);
            journalLock.lock();
            try {
                journal.closeAndDeleteAll();
            } finally {
                journalLock.unlock();
            }
        } catch (IOException | RuntimeException e) {
            // the journal stays, and the next start reads it
            LOG.error("Could not save the emulator's state to {}", file.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commits = null;
    }

    /** For tests: every journal file now in the data directory. */
    List<Path> journalFiles() throws IOException {
        return Journal.files(directory);
    }
}
