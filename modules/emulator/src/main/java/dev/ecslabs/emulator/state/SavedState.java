package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a data directory holds at start: the last snapshot with every journal record written after
 * it laid over it, area by area, as JSON not yet restored. Damage is kept to where it is: a
 * snapshot that is not a snapshot at all is moved aside, a damaged journal file is copied aside
 * from the damage on, and everything else is kept.
 */
final class SavedState {
    static final String FORMAT = "ecs-labs-emulator-state/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(SavedState.class);

    /**
     * One account-region's saved areas, as found: each whole area, and the journaled resources to
     * lay over it (by area, then key; a tombstone is a JSON null), in the order they were first
     * journaled. Its account id and region are checked when restored.
     */
    record Part(String accountId, String region, Map<String, JsonNode> areas, Map<String, Map<String, JsonNode>> resources) {
        @Override
        public String toString() {
            return accountId + "/" + region;
        }
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Instant resumeAt;
    private long lastSequence;
    private boolean snapshotFound;
    private int journalRecords;

    private SavedState() {
    }

    static SavedState read(SnapshotFile snapshot, Path directory) throws IOException {
        SavedState state = new SavedState();
        state.readSnapshot(snapshot);
        for (Path file : Journal.files(directory)) {
            state.readJournal(file);
        }
        return state;
    }

    private void readSnapshot(SnapshotFile snapshot) throws IOException {
        Optional<byte[]> bytes = snapshot.read();
        if (bytes.isEmpty()) {
            return;
        }
        snapshotFound = true;
        try {
            JsonNode json = JSON.readTree(bytes.get());
            if (json == null || !FORMAT.equals(json.path("format").asText())) {
                throw new IllegalArgumentException("it is not an " + FORMAT + " file");
            }
            resumeAt = Instant.parse(json.path("takenAt").asText());
            lastSequence = json.path("journalSequence").asLong(0);
            lay(json.path("accountRegions"));
        } catch (IOException | RuntimeException e) {
            parts.clear();
            resumeAt = null;
            lastSequence = 0;
            Path aside = snapshot.setAside();
            problems.add("The saved state " + snapshot.path() + " could not be restored (" + e.getMessage() + "). It was kept as "
                    + aside + ".");
            LOG.debug("Why the saved state could not be restored", e);
        }
    }

    private void readJournal(Path file) throws IOException {
        JournalRecords.Read read = JournalRecords.read(Files.readAllBytes(file));
        int index = 0;
        for (byte[] record : read.records()) {
            try {
                JsonNode json = JSON.readTree(record);
                long sequence = json.path("sequence").asLong(-1);
                Instant at = Instant.parse(json.path("at").asText());
                if (sequence > lastSequence) {
                    lay(json.path("accountRegions"));
                    lastSequence = sequence;
                    resumeAt = resumeAt == null || at.isAfter(resumeAt) ? at : resumeAt;
                    journalRecords++;
                }
            } catch (IOException | RuntimeException e) {
                // a record whose checksum holds but whose content does not is not a crash's doing
                problems.add("The journal " + file + " holds a record (number " + (index + 1) + ") that can't be read ("
                        + e.getMessage() + "); it was skipped and the file kept as " + copyAside(file) + ".");
            }
            index++;
        }
        switch (read.ending()) {
            case CLEAN -> { }
            case TORN_TAIL -> LOG.info("The journal {} ends in half a record, left by a crash while it was written; "
                    + "everything before it was recovered", file);
            case DAMAGED -> problems.add("The journal " + file + " is damaged at byte " + read.endOfRecords()
                    + ": the changes before it were restored, those after it could not be; the file was kept as "
                    + copyAside(file) + ".");
        }
    }

    /** Lays the account-regions of a snapshot or journal record over what was read before, area by area. */
    private void lay(JsonNode accountRegions) {
        if (!accountRegions.isArray()) {
            throw new IllegalArgumentException("its accountRegions are not a list");
        }
        for (JsonNode entry : accountRegions) {
            // checked before anything is laid, so that a record that can't be read changes nothing
            JsonNode resources = entry.path("resources");
            if (!resources.isMissingNode() && !resources.isObject()) {
                throw new IllegalArgumentException("the resources of " + entry.path("accountId").asText() + " are not an object");
            }
            for (Map.Entry<String, JsonNode> area : resources.properties()) {
                if (!area.getValue().isObject()) {
                    throw new IllegalArgumentException("the resources of area " + area.getKey() + " are not an object");
                }
            }
        }
        for (JsonNode entry : accountRegions) {
            String accountId = entry.path("accountId").asText();
            String region = entry.path("region").asText();
            Part part = parts.computeIfAbsent(accountId + "/" + region,
                    key -> new Part(accountId, region, new LinkedHashMap<>(), new LinkedHashMap<>()));
            for (Map.Entry<String, JsonNode> area : entry.path("areas").properties()) {
                part.areas().put(area.getKey(), area.getValue());
                // a whole area holds every change journaled before it
                part.resources().remove(area.getKey());
            }
            for (Map.Entry<String, JsonNode> area : entry.path("resources").properties()) {
                Map<String, JsonNode> held = part.resources().computeIfAbsent(area.getKey(), key -> new LinkedHashMap<>());
                area.getValue().properties().forEach(resource -> held.put(resource.getKey(), resource.getValue()));
            }
        }
    }

    private static Path copyAside(Path file) throws IOException {
        Path aside = asideName(file);
        Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }

    static Path asideName(Path file) {
        return file.resolveSibling(file.getFileName() + ".corrupt-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
    }

    Collection<Part> parts() {
        return parts.values();
    }

    /** Sentences for the learner about what could not be read; empty when everything could. */
    List<String> problems() {
        return problems;
    }

    boolean isEmpty() {
        return parts.isEmpty() && !snapshotFound && journalRecords == 0;
    }

    boolean snapshotFound() {
        return snapshotFound;
    }

    int journalRecords() {
        return journalRecords;
    }

    /** The emulated time of the last change saved: the clock resumes there. */
    Optional<Instant> resumeAt() {
        return Optional.ofNullable(resumeAt);
    }

    /** The sequence number of the last journal record read; the journal goes on after it. */
    long lastSequence() {
        return lastSequence;
    }

    /** Everything read, as one snapshot: what is kept aside when a part of it could not be restored. */
    byte[] toSnapshotBytes() throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT)
                .put("takenAt", resumeAt == null ? Instant.EPOCH.toString() : resumeAt.toString());
        ArrayNode regions = root.putArray("accountRegions");
        for (Part part : parts.values()) {
            ObjectNode areas = JSON.createObjectNode();
            part.areas().forEach(areas::set);
            ObjectNode entry = regions.addObject().put("accountId", part.accountId()).put("region", part.region());
            entry.set("areas", areas);
            if (!part.resources().isEmpty()) {
                ObjectNode resources = entry.putObject("resources");
                part.resources().forEach((area, held) -> held.forEach(resources.putObject(area)::set));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
