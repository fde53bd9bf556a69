package dev.ecslabs.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecslabs.emulator.clock.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Emulators on one data directory, each on a manual clock: the first starts at the manual clock's
 * usual time, a later one where the saved snapshot says the last one stopped, as {@code ./lab start}'s
 * scaled clock resumes.
 */
public final class Restarts {
    private Restarts() {
    }

    /** An emulator on port 0 keeping its state in {@code data}, on {@code clock}. */
    public static Emulator start(Path data, ManualClock clock) {
        return Emulator.builder().clock(clock).port(0).dataDirectory(data).start();
    }

    /** A manual clock at the emulated time the snapshot in {@code data} was taken. */
    public static ManualClock resumedClock(Path data) {
        try {
            String takenAt = new ObjectMapper().readTree(Files.readAllBytes(data.resolve("state.json"))).path("takenAt").asText();
            return new ManualClock(Instant.parse(takenAt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of {@code data} as {@code kill -9} would leave it now: every file as the running
     * emulator handed it to the OS (the journal's records of every call answered so far, and the
     * last checkpoint, if any). Start an emulator on the copy to see what a crash keeps.
     */
    public static Path crashImage(Path data, Path copy) {
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(data.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report of what happened to the saved state when {@code emulator} started. */
    public static String report(Emulator emulator) {
        return emulator.persistence().orElseThrow().report();
    }
}
