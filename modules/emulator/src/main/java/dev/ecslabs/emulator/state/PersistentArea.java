package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service area whose state survives a restart of an emulator started with a data directory
 * ({@code ./lab start}). It writes itself as JSON (SDK model objects through
 * {@code AwsJsonCodec.write}) and reads itself back into a fresh, empty instance.
 *
 * <p>Both methods run under the account-region's lock. {@link #restore} only reads state: it
 * schedules nothing, because a snapshot that another area can't take back is set aside whole,
 * and nothing of it may then be left running on the clock. Pending lifecycle steps are scheduled
 * again afterwards, by the {@link PersistentAreas.Resumer} the service's wiring registered.
 */
public interface PersistentArea {

    /** The area's whole state as JSON. */
    JsonNode snapshot();

    /** Reads a {@link #snapshot()} back into this empty area; throws on anything it can't take back. */
    void restore(JsonNode snapshot);
}
