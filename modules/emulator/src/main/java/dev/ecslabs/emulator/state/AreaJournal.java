package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the areas a group of calls reached into one journal record: each area's whole state as
 * its snapshot writes it, taken under its account-region's lock, and only if it differs from what
 * the journal last holds for it. Whole areas, not the calls themselves: replaying calls would need
 * every ARN, task id and IP address the handlers draw at random to come out the same again, and
 * an area's state is exactly what the snapshot already knows how to restore.
 *
 * <pre>{@code
 * { "sequence": 42, "at": "<emulated time>",
 *   "accountRegions": [ { "accountId": "…", "region": "…", "areas": { "ecs/clusters": … } } ] }
 * }</pre>
 */
final class AreaJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PersistentAreas areas;
    private final EmulatorContext context;
    /** What the journal (or the last checkpoint) holds for each area: an area that still serialises the same is not written again. */
    private final Map<String, byte[]> written = new HashMap<>();
    private long sequence;

    AreaJournal(PersistentAreas areas, EmulatorContext context, long lastSequence) {
        this.areas = areas;
        this.context = context;
        this.sequence = lastSequence;
    }

    long lastSequence() {
        return sequence;
    }

    /** Forgets what was written: after a checkpoint, every area's next change is written whole again. */
    void checkpointed() {
        written.clear();
    }

    /** The record of the areas that changed, or empty if none did; call {@link #recorded} once it is in the journal. */
    Optional<Record> record(Map<AccountRegion, Set<Class<?>>> reached) throws IOException {
        Map<String, byte[]> changed = new LinkedHashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean firstRegion = true;
        out.write(("{\"sequence\":" + (sequence + 1) + ",\"accountRegions\":[").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<AccountRegion, Set<Class<?>>> entry : reached.entrySet()) {
            AccountRegion region = entry.getKey();
            Map<String, byte[]> regionChanges = region.lockedForSnapshot(() -> changedAreas(region, entry.getValue()));
            if (regionChanges.isEmpty()) {
                continue;
            }
            if (!firstRegion) {
                out.write(',');
            }
            out.write('{');
            firstRegion = false;
            out.write(("\"accountId\":" + JSON.writeValueAsString(region.accountId()) + ",\"region\":"
                    + JSON.writeValueAsString(region.region()) + ",\"areas\":{").getBytes(StandardCharsets.UTF_8));
            boolean firstArea = true;
            for (Map.Entry<String, byte[]> area : regionChanges.entrySet()) {
                if (!firstArea) {
                    out.write(',');
                }
                firstArea = false;
                out.write(JSON.writeValueAsBytes(area.getKey()));
                out.write(':');
                out.write(area.getValue());
                changed.put(region + "\u0000" + area.getKey(), area.getValue());
            }
            out.write("}}".getBytes(StandardCharsets.UTF_8));
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        // read after the areas, so that no timestamp in them is later than the time the clock resumes at
        out.write(("],\"at\":\"" + context.clock().now() + "\"}").getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Record(sequence + 1, out.toByteArray(), changed));
    }

    private Map<String, byte[]> changedAreas(AccountRegion region, Set<Class<?>> types) {
        Map<String, byte[]> changes = new LinkedHashMap<>();
        for (Class<?> type : types) {
            Optional<String> key = areas.keyOf(type);
            if (key.isEmpty()) {
                continue;
            }
            Optional<PersistentArea> area = areas.existing(key.get(), region);
            if (area.isEmpty()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(area.get().snapshot());
            } catch (IOException e) {
                throw new IllegalStateException("The area " + key.get() + " of " + region + " can't be written as JSON", e);
            }
            if (!Arrays.equals(bytes, written.get(region + "\u0000" + key.get()))) {
                changes.put(key.get(), bytes);
            }
        }
        return changes;
    }

    /** Notes that a record is in the journal. */
    void recorded(Record record) {
        sequence = record.sequence();
        written.putAll(record.areas());
    }

    /** One journal record: its number, its bytes, and the state of each area in it. */
    record Record(long sequence, byte[] bytes, Map<String, byte[]> areas) {
    }
}
