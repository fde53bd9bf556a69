package dev.ecslabs.dashboard.web;

import dev.ecslabs.dashboard.course.LabFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pictures a lab's guide shows, served from the lab's folder: only picture files, only inside
 * that folder (no {@code ..}, no link that leads out of it), never from its build output.
 */
final class LabPictures {
    static final Map<String, String> TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif",
            "svg", "image/svg+xml", "webp", "image/webp");

    private LabPictures() {
    }

    /** The picture file that {@code relative} names in the lab, if it is one the guide may show. */
    static Optional<Path> find(LabFolder lab, String relative) {
        String type = extension(relative);
        if (!TYPES.containsKey(type) || relative.contains("\\") || relative.contains("\0")) {
            return Optional.empty();
        }
        try {
            Path root = lab.dir().toRealPath();
            Path wanted = root.resolve(relative).normalize();
            if (!wanted.startsWith(root) || wanted.startsWith(root.resolve("target")) || !Files.isRegularFile(wanted)) {
                return Optional.empty();
            }
            Path real = wanted.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    static String contentType(Path picture) {
        return TYPES.get(extension(picture.getFileName().toString()));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
