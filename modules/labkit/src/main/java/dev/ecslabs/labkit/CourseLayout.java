package dev.ecslabs.labkit;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where a test runs in the course's folders: the module ({@code labs/NN-name} or
 * {@code solutions/NN-name}), what kind of module it is, and the course root above it.
 */
public record CourseLayout(Path moduleDir, Role role, Path courseRoot) {

    /** A lab holds starter code the learner fills in; a solution holds the reference code. */
    public enum Role { LAB, SOLUTION, OTHER }

    /** The layout of the module a test class was compiled in (from {@code labs.moduleDir}, or where its classes are). */
    public static CourseLayout of(Class<?> testClass) {
        Path moduleDir = LabSettings.get("labs.moduleDir").map(Path::of).orElseGet(() -> moduleDirOf(testClass));
        return of(moduleDir);
    }

    public static CourseLayout of(Path moduleDir) {
        Path module = moduleDir == null ? null : moduleDir.toAbsolutePath().normalize();
        Role role = Role.OTHER;
        Path root = null;
        if (module != null && module.getParent() != null) {
            String parent = module.getParent().getFileName() == null ? "" : module.getParent().getFileName().toString();
            role = switch (parent) {
                case "labs" -> Role.LAB;
                case "solutions" -> Role.SOLUTION;
                default -> Role.OTHER;
            };
            if (role != Role.OTHER) {
                root = module.getParent().getParent();
            }
        }
        if (root == null) {
            root = findCourseRoot(module == null ? Path.of("").toAbsolutePath() : module).orElse(null);
        }
        return new CourseLayout(module, role, root);
    }

    /** The nearest folder at or above {@code start} that holds {@code labs/} and {@code mvnw}. */
    public static Optional<Path> findCourseRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("labs")) && Files.exists(dir.resolve("mvnw"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The progress file: {@code labs.progressFile}, else {@code .labs/progress.json} in the course root. */
    public Optional<Path> progressFile() {
        Optional<String> configured = LabSettings.progressFile();
        if (configured.isPresent()) {
            return configured.map(Path::of);
        }
        return Optional.ofNullable(courseRoot).map(root -> root.resolve(".labs").resolve("progress.json"));
    }

    private static Path moduleDirOf(Class<?> testClass) {
        CodeSource code = testClass.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return null;
        }
        try {
            Path classes = Path.of(code.getLocation().toURI());
            // <module>/target/test-classes
            Path target = classes.getParent();
            return target == null ? null : target.getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
