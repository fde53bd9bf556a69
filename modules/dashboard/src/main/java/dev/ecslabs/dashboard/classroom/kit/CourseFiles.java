package dev.ecslabs.dashboard.classroom.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The course's own files, as a learner's copy needs them: in a git checkout, what git tracks plus
 * new files it does not ignore; elsewhere, every file but build output, the tools' {@code .labs/}
 * and editors' folders.
 */
final class CourseFiles {
    private static final Set<String> NOT_COURSE = Set.of("target", ".labs", ".git", ".idea", ".vscode", ".settings");

    private CourseFiles() {
    }

    /** The course's files, relative to its root. */
    static List<Path> list(Path root) throws IOException {
        List<Path> fromGit = fromGit(root);
        if (!fromGit.isEmpty()) {
            return fromGit;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize)
                    .filter(path -> { 
                        for (Path part : path) {
                            if (NOT_COURSE.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    }).toList();
        }
    }

    /** Copies the course's files into {@code into}, keeping their permissions (mvnw and lab stay runnable). */
    static int copy(Path root, Path into) throws IOException {
        List<Path> files = list(root);
        for (Path file : files) {
            Path target = into.resolve(file.toString());
            Files.createDirectories(target.getParent());
            Files.copy(root.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
        return files.size();
    }

    private static List<Path> fromGit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return List.of();
            }
            return Stream.of(listing.split("\0")).filter(name -> !name.isEmpty()).map(Path::of)
                    // a file deleted but not yet committed is listed by git and absent here
                    .filter(path -> Files.isRegularFile(root.resolve(path))).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
