package dev.ecslabs.labkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code // TODO} comment written right above a line of starter code: the one place
 * a starter method says what the learner should do. {@link NotDoneYet} quotes it in its failure,
 * and the course check insists every {@code throw new NotDoneYet()} has one.
 */
public final class TodoComments {
    private TodoComments() {
    }

    /** The TODO text of the comment block that ends right above {@code line} (1-based), if there is one. */
    public static Optional<String> above(List<String> lines, int line) {
        List<String> block = new ArrayList<>();
        for (int i = line - 2; i >= 0; i--) {
            String trimmed = lines.get(i).trim();
            if (!trimmed.startsWith("//")) {
                break;
            }
            block.add(0, trimmed.substring(2).trim());
        }
        for (int i = 0; i < block.size(); i++) {
            String comment = block.get(i);
            if (comment.startsWith("TODO")) {
                StringBuilder text = new StringBuilder(comment.substring(4).replaceFirst("^[:\\s-]+", ""));
                for (String more : block.subList(i + 1, block.size())) {
                    text.append(' ').append(more);
                }
                String todo = text.toString().trim();
                return todo.isEmpty() ? Optional.empty() : Optional.of(todo);
            }
        }
        return Optional.empty();
    }

    public static Optional<String> above(Path source, int line) {
        if (source == null || !Files.isRegularFile(source)) {
            return Optional.empty();
        }
        try {
            return above(Files.readAllLines(source, StandardCharsets.UTF_8), line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
