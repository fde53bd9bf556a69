package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a {@link SavedState} part by part: an account-region whose account id is not 12
 * digits, an area this emulator does not know, or an area that can't take its state back is set
 * aside (the whole saved state is kept in a file beside the snapshot) and named in the report;
 * every other account-region and area is restored, and their lifecycles resumed.
 */
final class SavedStateRestore {
    private static final Logger LOG = LoggerFactory.getLogger(SavedStateRestore.class);

    private final SavedState saved;
    private final PersistentAreas areas;
    private final Path snapshot;

    SavedStateRestore(SavedState saved, PersistentAreas areas, Path snapshot) {
        this.saved = saved;
        this.areas = areas;
        this.snapshot = snapshot;
    }

    /** Restores into an empty store and answers the report for the learner. */
    String restoreInto(StateStore store) throws IOException {
        List<String> setAside = new ArrayList<>();
        List<AccountRegion> restored = new ArrayList<>();
        for (SavedState.Part part : saved.parts()) {
            if (!part.accountId().matches("\\d{12}") || part.region().isBlank()) {
                setAside.add("account '" + part.accountId() + "' in region '" + part.region()
                        + "' (an account id is 12 digits and a region has a name)");
                continue;
            }
            AccountRegion region = store.get(part.accountId(), part.region());
            boolean any = false;
            Set<String> keys = new LinkedHashSet<>(part.areas().keySet());
            keys.addAll(part.resources().keySet());
            for (String key : keys) {
                Optional<String> problem = restoreArea(region, key, part.areas().get(key),
                        part.resources().getOrDefault(key, Map.of()));
                problem.ifPresent(setAside::add);
                any |= problem.isEmpty();
            }
            if (any) {
                restored.add(region);
            }
        }
        List<String> problems = new ArrayList<>(saved.problems());
        if (!setAside.isEmpty()) {
            Path aside = SavedState.asideName(snapshot);
            Files.write(aside, saved.toSnapshotBytes());
            problems.add("The saved state " + snapshot + " could not be restored whole: " + String.join("; ", setAside)
                    + ". It was kept as " + aside + " and everything else was restored.");
        }
        problems.addAll(resume(restored));
        problems.forEach(problem -> LOG.warn("Restoring the saved state: {}", problem));
        int count = restored.size();
        if (count == 0 && saved.parts().isEmpty()) {
            return String.join(" ", problems) + " The emulator starts empty.";
        }
        return "Restored " + count + " account-region" + (count == 1 ? "" : "s") + " from " + snapshot
                + (saved.journalRecords() == 0 ? "" : " and " + saved.journalRecords() + " journal record"
                + (saved.journalRecords() == 1 ? "" : "s") + " after it") + "."
                + (problems.isEmpty() ? "" : " " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + ": " + String.join(" ", problems));
    }

    /**
     * Restores one area: its whole state, if the snapshot or journal holds it, then each journaled
     * resource over it, in order. On failure drops what it took back half-way and answers why, for the report.
     */
    private Optional<String> restoreArea(AccountRegion region, String key, JsonNode state, Map<String, JsonNode> resources) {
        Optional<PersistentArea> area = areas.create(key, region);
        if (area.isEmpty()) {
            return Optional.of("area '" + key + "' of " + region + " (this emulator does not know it; it knows " + areas.keys() + ")");
        }
        try {
            region.lockedForSnapshot(() -> {
                if (state != null) {
                    area.get().restore(state);
                }
                if (!resources.isEmpty()) {
                    if (!(area.get() instanceof ResourceArea resourceArea)) {
                        throw new IllegalArgumentException("the journal holds single resources of it, and it is only restored whole");
                    }
                    resources.forEach((resource, json) -> resourceArea.restoreResource(resource, json.isNull() ? null : json));
                }
                return null;
            });
            return Optional.empty();
        } catch (RuntimeException e) {
            areas.discard(key, region);
            LOG.debug("Why the area {} of {} could not be restored", key, region, e);
            return Optional.of("area '" + key + "' of " + region + " can't be read back (" + e.getMessage() + ")");
        }
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
        return problems;
    }
}
