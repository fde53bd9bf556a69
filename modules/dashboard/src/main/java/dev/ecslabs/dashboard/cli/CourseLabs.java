package dev.ecslabs.dashboard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The labs of the course, found as the {@code labs/NN-name} folders, in order. */
final class CourseLabs {
    private CourseLabs() {
    }

    /** One lab folder: {@code 01} and {@code 01-ecr-registry}. */
    record LabFolder(String id, String name, Path dir) {
    }

    static List<LabFolder> list(Path courseRoot) {
        try (Stream<Path> dirs = Files.list(courseRoot.resolve("labs"))) {
            return dirs.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> name.matches("\\d{2}-.+"))
                    .sorted()
                    .map(name -> new LabFolder(name.substring(0, 2), name, courseRoot.resolve("labs").resolve(name)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lab {@code 01}, {@code 1} or {@code 01-ecr-registry} names. */
    static Optional<LabFolder> find(Path courseRoot, String idOrName) {
        String wanted = idOrName.matches("\\d") ? "0" + idOrName : idOrName;
        return list(courseRoot).stream()
                .filter(lab -> lab.id().equals(wanted) || lab.name().equals(wanted))
                .findFirst();
    }
}
