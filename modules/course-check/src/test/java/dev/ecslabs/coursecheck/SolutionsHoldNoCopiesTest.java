package dev.ecslabs.coursecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.labkit.CourseLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A solution holds only the files a learner changes; its build takes the lab's other files from the
 * lab (solutions/pom.xml). A file that is byte for byte the lab's own is a copy, which a fix would
 * have to be made in twice.
 */
class SolutionsHoldNoCopiesTest {
    private static final Path COURSE = CourseLayout.findCourseRoot(Path.of(""))
            .orElseThrow(() -> new IllegalStateException("Run this inside the course's folder"));

    @Test
    @DisplayName("No file of a solution is byte for byte the same file of its lab")
    void noSolutionFileCopiesItsLab() throws IOException {
        List<Path> solutions = solutions();
        assertThat(solutions).as("the solutions in %s", COURSE.resolve("solutions")).isNotEmpty();
        List<String> copies = new ArrayList<>();
        for (Path solution : solutions) {
            Path lab = COURSE.resolve("labs").resolve(solution.getFileName().toString());
            for (Path file : filesOf(solution.resolve("src"))) {
                Path relative = solution.relativize(file);
                Path labFile = lab.resolve(relative.toString());
                if (Files.isRegularFile(labFile) && Files.mismatch(file, labFile) == -1) {
                    copies.add(COURSE.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        assertThat(copies).as("solution files that are copies of the lab's (delete them: the solution's build "
                + "compiles the lab's own file)").isEmpty();
    }

    private static List<Path> solutions() throws IOException {
        try (Stream<Path> all = Files.list(COURSE.resolve("solutions"))) {
            return all.filter(Files::isDirectory).filter(d -> d.getFileName().toString().matches("\\d{2}-.+")).sorted()
                    .toList();
        }
    }

    private static List<Path> filesOf(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
