package dev.ecslabs.dashboard.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecslabs.emulator.state.AtomicFile;
import dev.ecslabs.labkit.ExerciseId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many levels of each exercise's graduated hints the learner has been shown, kept in
 * {@code .labs/hints.json} so that {@code ./lab hint}, {@code ./lab watch} and the dashboard go on
 * from where the other left off: asking again reveals the next level, never the same one twice.
 *
 * <pre>{@code { "format": "ecs-labs-hints/1", "shown": { "05.3": 2 } } }</pre>
 *
 * Written whole to a temporary file and moved into place, so a reader never sees half a file; a
 * file that can't be read counts as no hint shown (it holds nothing a learner would lose).
 */
public final class HintsShown {
    public static final String FORMAT = "ecs-labs-hints/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object LOCK = new Object();

    /** The file's shape. */
    record Saved(String format, Map<String, Integer> shown) {
    }

    private final Path file;

    public HintsShown(Path file) {
        this.file = file;
    }

    /** How many levels of the exercise's hints were shown: 0 before the first. */
    public int shown(ExerciseId id) {
        synchronized (LOCK) {
            return read().getOrDefault(id.toString(), 0);
        }
    }

    /** Every exercise's count of levels shown, by exercise id. */
    public Map<String, Integer> all() {
        synchronized (LOCK) {
            return Map.copyOf(read());
        }
    }

    /**
     * Reveals the exercise's next level, if it has one more, and answers how many are shown now;
     * once all are shown, asking again shows them all again.
     */
    public int reveal(ExerciseInfo exercise) {
        synchronized (LOCK) {
            Map<String, Integer> shown = read();
            int now = Math.min(exercise.hints().size(), shown.getOrDefault(exercise.id().toString(), 0) + 1);
            shown.put(exercise.id().toString(), now);
            write(shown);
            return now;
        }
    }

    /** Forgets the hints shown for a lab's exercises ({@code ./lab reset}): the learner starts it afresh. */
    public void forgetLab(String lab) {
        synchronized (LOCK) {
            Map<String, Integer> shown = read();
            if (shown.keySet().removeIf(id -> id.startsWith(lab + "."))) {
                write(shown);
            }
        }
    }

    private Map<String, Integer> read() {
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            Saved saved = JSON.readValue(file.toFile(), Saved.class);
            return saved.shown() == null ? new TreeMap<>() : new TreeMap<>(saved.shown());
        } catch (IOException e) {
            return new TreeMap<>();
        }
    }

    private void write(Map<String, Integer> shown) {
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(new Saved(FORMAT, new TreeMap<>(shown))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save which hints were shown in " + file, e);
        }
    }
}
