package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecslabs.labkit.fixtures.FakeLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CourseCheck#checkStarter}, the course's rules as modules/course-check applies them to a lab
 * the lab tool ran: the same rules the labkit extension applies under {@code -Dlabs.courseCheck=true}.
 */
class CourseCheckStarterTest {
    @TempDir
    Path lab;

    @Test
    @DisplayName("a starter with titles, hints, a TODO above its NotDoneYet and a guide keeps the rules")
    void aGoodStarterPasses() throws Exception {
        starter("    // TODO: do it\n    throw new NotDoneYet();\n");

        assertThatCode(() -> CourseCheck.checkStarter(lab, List.of(FakeLabs.StarterLab.class))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a starter whose NotDoneYet has no TODO above it breaks the rules, named by file and line")
    void aMissingTodoFails() throws Exception {
        starter("    throw new NotDoneYet();\n");

        assertThatThrownBy(() -> CourseCheck.checkStarter(lab, List.of(FakeLabs.StarterLab.class)))
                .hasMessageContaining("lab 98")
                .hasMessageContaining("Starter.java:3 throws NotDoneYet without a '// TODO: what to do' comment");
    }

    @Test
    @DisplayName("an exercise with a blank hint level breaks the rules, named by its number")
    void incompleteHintsFail() throws Exception {
        starter("    // TODO: do it\n    throw new NotDoneYet();\n");

        assertThatThrownBy(() -> CourseCheck.checkStarter(lab, List.of(FakeLabs.HalfHintedLab.class)))
                .hasMessageContaining("exercise 95.1) has a blank hint at level 2 (Which API)");
    }

    @Test
    @DisplayName("a lab folder without a README.md guide breaks the rules")
    void aMissingGuideFails() throws Exception {
        starter("    // TODO: do it\n    throw new NotDoneYet();\n");
        Files.delete(lab.resolve("README.md"));

        assertThatThrownBy(() -> CourseCheck.checkStarter(lab, List.of(FakeLabs.StarterLab.class)))
                .hasMessageContaining("it has no README.md guide");
    }

    @Test
    @DisplayName("test classes none of which is marked @Lab are no lab's tests")
    void noLabFails() {
        assertThatThrownBy(() -> CourseCheck.checkStarter(lab, List.of(String.class)))
                .hasMessageContaining("has no test class marked @Lab");
    }

    private void starter(String body) throws Exception {
        Files.createDirectories(lab.resolve("src/main/java"));
        Files.writeString(lab.resolve("README.md"), "# Lab 98");
        Files.writeString(lab.resolve("src/main/java/Starter.java"), "class Starter {\n  void m() {\n" + body + "  }\n}\n");
    }
}
