package dev.ecslabs.labkit;

import dev.ecslabs.emulator.state.AtomicFile;
import java.io.OutputStreamWriter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings the course's own tools saved for every runner of this course, in
 * {@code .labs/settings.properties}: when a learner joins a classroom with a shared emulator,
 * {@code ./lab start --join} writes the room's endpoint and the learner's own account there, so
 * that Maven, the IDE, {@code ./lab check} and the dashboard all use that account without anyone
 * exporting a variable. A system property or environment variable still wins over it.
 */
public final class SavedSettings {
    /** The file, relative to the course's root. */
    public static final String FILE = ".labs/settings.properties";

    private static volatile Cached cached;

    private record Cached(Path file, FileTime modified, Map<String, String> values) {
    }

    private SavedSettings() {
    }

    /** The saved value of a setting ({@code labs.accessKeyId}), for the course this JVM runs in. */
    static Optional<String> get(String property) {
        return courseRoot().flatMap(root -> Optional.ofNullable(read(root.resolve(FILE)).get(property)));
    }

    /** Saves these settings for every runner of the course at {@code courseRoot}, replacing what was saved. */
    public static void save(Path courseRoot, Map<String, String> settings, String why) {
        Path file = courseRoot.resolve(FILE);
        Properties properties = new Properties();
        properties.putAll(settings);
        try {
            AtomicFile.write(file, out -> properties.store(new OutputStreamWriter(out, StandardCharsets.UTF_8), why));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the course's settings in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the saved settings (a learner who no longer works in a classroom); answers whether there were any. */
    public static boolean forget(Path courseRoot) {
        try {
            return Files.deleteIfExists(courseRoot.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + courseRoot.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The saved settings of the course at {@code courseRoot}. */
    public static Map<String, String> of(Path courseRoot) {
        return read(courseRoot.resolve(FILE));
    }

    /** The course this JVM runs in: {@code labs.courseRoot} (the lab tool), the module of a run, or above the working directory. */
    private static Optional<Path> courseRoot() {
        String root = RunScopedSettings.property("labs.courseRoot");
        if (root != null && !root.isBlank()) {
            return Optional.of(Path.of(root));
        }
        String module = RunScopedSettings.property("labs.moduleDir");
        if (module != null && !module.isBlank()) {
            return Optional.ofNullable(CourseLayout.of(Path.of(module)).courseRoot());
        }
        return CourseLayout.findCourseRoot(Path.of(""));
    }

    private static Map<String, String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Map.of();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            Cached known = cached;
            if (known != null && known.file().equals(file) && known.modified().equals(modified)) {
                return known.values();
            }
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            Map<String, String> values = new TreeMap<>();
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
            cached = new Cached(file, modified, Map.copyOf(values));
            return cached.values();
        } catch (IOException | IllegalArgumentException e) {
            // a file being replaced, or one a person broke: the settings from properties and the environment still hold
            return Map.of();
        }
    }
}
