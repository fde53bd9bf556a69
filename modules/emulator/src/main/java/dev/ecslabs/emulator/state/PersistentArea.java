package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service area whose state survives a restart of an emulator started with a data directory
 * ({@code ./lab start}). It writes itself as JSON (SDK model objects through
 * {@code AwsJsonCodec.write}) and reads itself back into a fresh, empty instance.
 *
 * <p>Both methods run under the account-region's lock. {@link #restore} runs before the emulator
 * answers its first call, on a clock that resumes at the snapshot's emulated time: an area with a
 * lifecycle re-schedules each pending step there, due after the time it still had to wait.
 */
public interface PersistentArea {

    /** The area's whole state as JSON. */
    JsonNode snapshot();

    /** Reads a {@link #snapshot()} back into this empty area and re-schedules its pending lifecycle steps. */
    void restore(JsonNode snapshot);
}
