package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A {@link PersistentArea} journaled resource by resource: every change a call makes to one of its
 * resources is marked with {@link AccountRegion#changed(Class, String)} (by the key the area files
 * it under: a cluster's name, a repository's name), and the journal record of the call then holds
 * only those resources, a deleted one as a tombstone, instead of the whole area. A call that
 * marked nothing changed nothing, and is answered without waiting for the journal. At start, the
 * checkpoint's whole area is {@link #restore restored} first, then each journaled resource laid
 * over it in order with {@link #restoreResource}.
 */
public interface ResourceArea extends PersistentArea {

    /** One resource as JSON, as {@link #restoreResource} reads it back; empty when the area no longer holds it. */
    Optional<JsonNode> snapshotOf(String key);

    /**
     * Lays one journaled resource over the restored area: puts it in (replacing what the area held
     * under that key), or, for {@code null}, a tombstone, forgets it. Runs under the
     * account-region's lock, schedules nothing, and throws on anything it can't take back.
     */
    void restoreResource(String key, JsonNode resource);
}
