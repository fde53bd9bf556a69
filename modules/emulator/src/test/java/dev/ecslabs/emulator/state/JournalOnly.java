package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.Emulator;
import dev.ecslabs.emulator.clock.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Emulators whose changes live in the journal alone (no checkpoint within a test), and what that journal holds. */
final class JournalOnly {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalOnly() {
    }

    /** An emulator on port 0 keeping its state in {@code data}, taking no checkpoint for an hour of {@code clock}. */
    static Emulator started(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).checkpointEvery(Duration.ofHours(1)).start();
    }

    /** Every record in the journal of the emulator keeping its state in {@code data}, in order. */
    static List<JsonNode> records(Path data) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (Path file : Journal.files(data)) {
            for (byte[] record : JournalRecords.read(Files.readAllBytes(file)).records()) {
                records.add(JSON.readTree(record));
            }
        }
        return records;
    }
}
