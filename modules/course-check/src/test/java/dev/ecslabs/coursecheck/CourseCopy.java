package dev.ecslabs.coursecheck;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.run.LabClassPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the course's labs for a check to run in: the sources, and of the build's output only
 * each lab's list of libraries; with the starter code as it is, or with each lab's solution files in
 * place of the starter's.
 */
final class CourseCopy {
    private CourseCopy() {
    }

    static Course starters(Path course, Path into) {
        return copy(course, into, false);
    }

    static Course solved(Path course, Path into) {
        return copy(course, into, true);
    }

    private static Course copy(Path course, Path into, boolean solved) {
        try {
            try (Stream<Path> labs = Files.list(course.resolve("labs"))) {
                for (Path lab : labs.filter(Files::isDirectory).filter(d -> d.getFileName().toString().matches("\\d{2}-.+"))
                        .toList()) {
                    Path copy = into.resolve("labs").resolve(lab.getFileName().toString());
                    copyTree(lab, copy);
                    Path libraries = lab.resolve("target").resolve(LabClassPath.FILE);
                    if (Files.exists(libraries)) {
                        Files.createDirectories(copy.resolve("target"));
                        // its time too: the lab tool compares it with the pom's
                        Files.copy(libraries, copy.resolve("target").resolve(LabClassPath.FILE), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    if (solved) {
                        Path solution = course.resolve("solutions").resolve(lab.getFileName().toString()).resolve("src/main");
                        if (!Files.isDirectory(solution)) {
                            throw new IllegalStateException("Lab " + lab.getFileName() + " has no solution in " + solution);
                        }
                        // A solution holds only the files a learner changes: they replace the starter's, the
                        // lab's other files stay, as the solution's build compiles them (solutions/pom.xml).
                        copyTree(solution, copy.resolve("src/main"));
                    }
                }
            }
            Files.writeString(into.resolve("mvnw"), "#!/bin/sh\n# a course root is known by labs/ and mvnw\n");
            return new Course(into);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
