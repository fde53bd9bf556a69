package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a group of calls did into one journal record, read under each account-region's lock:
 * for a {@link ResourceArea}, each resource the calls marked as changed (its state now, or
 * {@code null} when it is gone: a tombstone); for any other area, its whole state as its snapshot
 * writes it, and only if it differs from what the journal last holds for it. States, not the calls
 * themselves: replaying calls would need every ARN, task id and IP address the handlers draw at
 * random to come out the same again. A record's size follows what the calls changed, not how much
 * the account holds.
 *
 * <pre>{@code
 * { "sequence": 42, "at": "<emulated time>",
 *   "accountRegions": [ { "accountId": "…", "region": "…",
 *                         "areas": { "ecs/services": … },
 *                         "resources": { "ecs/clusters": { "web": { … }, "old": null } } } ] }
 * }</pre>
 */
final class AreaJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PersistentAreas areas;
    private final EmulatorContext context;
    /** What the journal (or the last checkpoint) holds for each whole area: an area that still serialises the same is not written again. */
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

    /** The record of what changed, or empty if nothing did; call {@link #recorded} once it is in the journal. */
    Optional<Record> record(Map<AccountRegion, CallChanges.Reached> reached) throws IOException {
        Map<String, byte[]> changed = new LinkedHashMap<>();
        ObjectNode root = JSON.createObjectNode().put("sequence", sequence + 1);
        ArrayNode regions = root.putArray("accountRegions");
        for (Map.Entry<AccountRegion, CallChanges.Reached> entry : reached.entrySet()) {
            AccountRegion region = entry.getKey();
            ObjectNode regionChanges = region.lockedForSnapshot(() -> changes(region, entry.getValue(), changed));
            if (regionChanges.isEmpty()) {
                continue;
            }
            regions.addObject().put("accountId", region.accountId()).put("region", region.region()).setAll(regionChanges);
        }
        if (regions.isEmpty()) {
            return Optional.empty();
        }
        // read after the areas, so that no timestamp in them is later than the time the clock resumes at
        root.put("at", context.clock().now().toString());
        return Optional.of(new Record(sequence + 1, JSON.writeValueAsBytes(root), changed));
    }

    /** {@code "areas"} and {@code "resources"} of one account-region, as far as they changed; {@code wholeAreas} gets each whole area written. */
    private ObjectNode changes(AccountRegion region, CallChanges.Reached reached, Map<String, byte[]> wholeAreas) {
        ObjectNode changes = JSON.createObjectNode();
        ObjectNode resources = JSON.createObjectNode();
        reached.resources().forEach((type, keys) -> {
            Optional<String> key = areas.keyOf(type);
            if (key.isEmpty()) {
                return;
            }
            ObjectNode held = resources.putObject(key.get());
            Optional<ResourceArea> area = areas.existing(key.get(), region).map(ResourceArea.class::cast);
            for (String resource : keys) {
                held.set(resource, area.flatMap(a -> a.snapshotOf(resource)).orElse(null));
            }
        });
        ObjectNode whole = JSON.createObjectNode();
        for (Class<?> type : reached.areas()) {
            Optional<String> key = areas.keyOf(type);
            if (key.isEmpty() || areas.isResourceArea(type)) {
                continue;
            }
            Optional<PersistentArea> area = areas.existing(key.get(), region);
            if (area.isEmpty()) {
                continue;
            }
            JsonNode snapshot = area.get().snapshot();
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(snapshot);
            } catch (IOException e) {
                throw new IllegalStateException("The area " + key.get() + " of " + region + " can't be written as JSON", e);
            }
            String writtenKey = region + "\u0000" + key.get();
            if (!Arrays.equals(bytes, written.get(writtenKey))) {
                whole.set(key.get(), snapshot);
                wholeAreas.put(writtenKey, bytes);
            }
        }
        if (!whole.isEmpty()) {
            changes.set("areas", whole);
        }
        if (!resources.isEmpty()) {
            changes.set("resources", resources);
        }
        return changes;
    }

    /** Notes that a record is in the journal. */
    void recorded(Record record) {
        sequence = record.sequence();
        written.putAll(record.areas());
    }

    /** One journal record: its number, its bytes, and the state of each whole area in it. */
    record Record(long sequence, byte[] bytes, Map<String, byte[]> areas) {
    }
}
