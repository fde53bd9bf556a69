package dev.ecslabs.dashboard.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The {@code ./lab start} running now, as it announces itself in {@code .labs/running.json}: the
 * other lab commands read it to send their runs to its endpoint. A file left behind by a crash
 * names a process that no longer lives, and is ignored.
 */
public record RunningCourse(long pid, URI endpoint, URI dashboard, String backend) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Course course) {
        return course.toolsDirectory().resolve("running.json");
    }

    /** The course started in this process, to announce. */
    public static RunningCourse here(URI endpoint, URI dashboard, String backend) {
        return new RunningCourse(ProcessHandle.current().pid(), endpoint, dashboard, backend);
    }

    /** The running course, if a live {@code ./lab start} announced one. */
    public static Optional<RunningCourse> find(Course course) {
        Path file = file(course);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            RunningCourse running = new RunningCourse(json.path("pid").asLong(), URI.create(json.path("endpoint").asText()),
                    URI.create(json.path("dashboard").asText()), json.path("backend").asText());
            boolean alive = ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(running) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public void announce(Course course) {
        ObjectNode json = JSON.createObjectNode().put("pid", pid).put("endpoint", endpoint.toString())
                .put("dashboard", dashboard.toString()).put("backend", backend);
        try {
            Path file = file(course);
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".running", ".tmp");
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(course), e);
        }
    }

    /** Removes the announcement, if it is still this one's. */
    public void withdraw(Course course) {
        if (find(course).filter(this::equals).isPresent()) {
            try {
                Files.deleteIfExists(file(course));
            } catch (IOException e) {
                // a stale file names a dead process, which readers ignore
            }
        }
    }
}
