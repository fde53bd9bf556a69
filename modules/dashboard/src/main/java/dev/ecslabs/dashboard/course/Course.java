package dev.ecslabs.dashboard.course;

import dev.ecslabs.labkit.CourseLayout;
import dev.ecslabs.labkit.LabSettings;
import dev.ecslabs.labkit.ProgressFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The course's folder and what the tools keep in it: the labs ({@code labs/NN-name}), their
 * solutions, and {@code .labs/} (the progress file, the emulator's saved state, the learner's
 * files kept aside by a reset).
 */
public record Course(Path root) {

    public Course {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The course the tools run in: {@code labs.courseRoot}, else the nearest folder above the
     * working directory holding labs/ and mvnw; the learner's starter files are kept aside once.
     */
    public static Course current() {
        String configured = System.getProperty("labs.courseRoot");
        Path root = configured != null ? Path.of(configured) : CourseLayout.findCourseRoot(Path.of("")).orElseThrow(() ->
                new IllegalArgumentException("Run ./lab from the course's folder (the one with labs/ and mvnw in it)."));
        Course course = new Course(root);
        StarterCopies.keep(course);
        return course;
    }

    /** The labs, in order: the {@code labs/NN-name} folders. */
    public List<LabFolder> labs() {
        try (Stream<Path> dirs = Files.list(root.resolve("labs"))) {
            return dirs.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> name.matches("\\d{2}-[a-z0-9-]+"))
                    .sorted()
                    .map(name -> new LabFolder(name.substring(0, 2), name, root.resolve("labs").resolve(name)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the labs in " + root.resolve("labs"), e);
        }
    }

    /** The lab that {@code 01}, {@code 1} or {@code 01-ecr-registry} names; only the course's own labs. */
    public Optional<LabFolder> lab(String idOrName) {
        String wanted = idOrName.matches("\\d") ? "0" + idOrName : idOrName;
        return labs().stream().filter(lab -> lab.id().equals(wanted) || lab.name().equals(wanted)).findFirst();
    }

    /** The lab, or an error that names the labs there are. */
    public LabFolder requireLab(String idOrName) {
        return lab(idOrName).orElseThrow(() -> new IllegalArgumentException("There is no lab '" + idOrName
                + "'. The labs are: " + String.join(", ", labs().stream().map(LabFolder::name).toList()) + "."));
    }

    /** The reference solution of a lab: {@code solutions/NN-name}. */
    public Path solution(LabFolder lab) {
        return root.resolve("solutions").resolve(lab.name());
    }

    /** Where the tools keep their files: {@code .labs/}. */
    public Path toolsDirectory() {
        return root.resolve(".labs");
    }

    /** The progress file every runner writes: {@code labs.progressFile}, else {@code .labs/progress.json}. */
    public ProgressFile progress() {
        return new ProgressFile(LabSettings.progressFile().map(Path::of)
                .orElse(toolsDirectory().resolve("progress.json")).toAbsolutePath());
    }

    /** Which levels of the exercises' graduated hints the learner has seen: {@code .labs/hints.json}. */
    public HintsShown hintsShown() {
        return new HintsShown(toolsDirectory().resolve("hints.json"));
    }

    /** Where {@code ./lab start}'s emulator keeps the learner's resources across restarts. */
    public Path emulatorData() {
        return toolsDirectory().resolve("emulator");
    }
}
