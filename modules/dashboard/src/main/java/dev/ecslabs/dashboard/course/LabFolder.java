package dev.ecslabs.dashboard.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** One lab of the course: its number {@code 01}, its folder name {@code 01-ecr-registry}, and the folder. */
public record LabFolder(String id, String name, Path dir) {

    public Path readme() {
        return dir.resolve("README.md");
    }

    /** The guide's first heading ({@code Lab 00 — Getting started}), else the folder name. */
    public String title() {
        if (Files.isRegularFile(readme())) {
            try (Stream<String> lines = Files.lines(readme(), StandardCharsets.UTF_8)) {
                Optional<String> heading = lines.filter(line -> line.startsWith("# ")).findFirst();
                if (heading.isPresent()) {
                    return heading.get().substring(2).trim();
                }
            } catch (IOException | UncheckedIOException e) {
                // an unreadable guide still leaves the lab its folder name
            }
        }
        return name;
    }

    /** The starter code the learner edits. */
    public Path mainSources() {
        return dir.resolve("src/main");
    }

    public Path testSources() {
        return dir.resolve("src/test");
    }

    public Path target() {
        return dir.resolve("target");
    }
}
