package dev.ecslabs.emulator.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The emulator's snapshot on disk, {@code state.json} in its data directory: written whole to a
 * temporary file and moved into place, so a crash leaves either the old snapshot or the new one,
 * never half of one; and, when it can't be read back, moved aside rather than overwritten.
 */
final class SnapshotFile {
    static final String NAME = "state.json";

    private final Path file;

    SnapshotFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    Path path() {
        return file;
    }

    Optional<byte[]> read() throws IOException {
        return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    void write(byte[] content) throws IOException {
        AtomicFile.write(file, content);
    }

    /** Moves the snapshot aside as {@code state.json.corrupt-<time>} and answers where it went. */
    Path setAside() throws IOException {
        Path aside = file.resolveSibling(NAME + ".corrupt-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }
}
