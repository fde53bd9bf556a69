package dev.ecslabs.labkit;

import dev.ecslabs.emulator.state.AtomicFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one progress file every runner writes (Maven, the IDE, the CLI, the dashboard) and the
 * dashboard and CLI read: {@code .labs/progress.json} in the course root.
 *
 * <pre>{@code
 * { "format": "ecs-labs-progress/1",
 *   "exercises": { "00.1": { "status": "PASSED", "at": "2026-11-26T15:00:00Z", "runner": "maven" },
 *                  "00.2": { "status": "FAILED", "at": "…", "runner": "ide", "message": "…" } } }
 * }</pre>
 *
 * Every write is a read-modify-write under a file lock (two labs may run at once in two JVMs) and
 * replaces the file atomically, so a reader never sees half a file. A file that can't be read is
 * moved aside as {@code progress.json.corrupt-<time>}, never silently dropped.
 */
public final class ProgressFile {
    public static final String FORMAT = "ecs-labs-progress/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object JVM_LOCK = new Object();

    private final Path file;

    public ProgressFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Every exercise's last result, by exercise id. */
    public Map<String, ExerciseResult> read() {
        synchronized (JVM_LOCK) {
            try (Locked ignored = lock()) {
                return readUnlocked();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the progress file " + file, e);
            }
        }
    }

    /** Records one exercise's result, keeping everyone else's. */
    public void record(ExerciseResult result) {
        synchronized (JVM_LOCK) {
            try (Locked ignored = lock()) {
                Map<String, ExerciseResult> all = readUnlocked();
                all.put(result.exercise(), result);
                write(all);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the progress file " + file, e);
            }
        }
    }

    /** Forgets the results of one lab (after a reset), keeping the others. */
    public void forgetLab(String lab) {
        synchronized (JVM_LOCK) {
            try (Locked ignored = lock()) {
                Map<String, ExerciseResult> all = readUnlocked();
                all.keySet().removeIf(id -> id.startsWith(lab + "."));
                write(all);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the progress file " + file, e);
            }
        }
    }

    /** Holds the progress file's lock file (process-wide) until closed. */
    private record Locked(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private Locked lock() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock();
            return new Locked(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private Map<String, ExerciseResult> readUnlocked() throws IOException {
        Map<String, ExerciseResult> results = new TreeMap<>();
        if (!Files.exists(file)) {
            return results;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new IOException("not a " + FORMAT + " file");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("exercises").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                results.put(entry.getKey(), new ExerciseResult(entry.getKey(),
                        ExerciseResult.Status.valueOf(value.path("status").asText()),
                        value.hasNonNull("message") ? value.get("message").asText() : null,
                        Instant.parse(value.path("at").asText()),
                        value.path("runner").asText("unknown")));
            }
            return results;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("[labkit] The progress file " + file + " could not be read (" + e.getMessage()
                    + "); it was moved aside to " + aside + " and progress starts afresh.");
            return results;
        }
    }

    private void write(Map<String, ExerciseResult> results) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode exercises = root.putObject("exercises");
        for (ExerciseResult result : results.values()) {
            ObjectNode entry = exercises.putObject(result.exercise());
            entry.put("status", result.status().name());
            entry.put("at", result.at().toString());
            entry.put("runner", result.runner());
            if (result.message() != null) {
                entry.put("message", result.message());
            }
        }
        AtomicFile.write(file, JSON.writeValueAsBytes(root));
    }
}
