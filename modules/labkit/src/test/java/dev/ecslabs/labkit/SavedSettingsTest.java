package dev.ecslabs.labkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Every runner of a course reads what its tools saved in {@code .labs/settings.properties} (a
 * classroom's shared emulator and the learner's account there): Maven and the IDE run a lab's
 * tests in the lab's module, the lab tool names the course's root.
 */
// It sets labkit's settings (labs.*, aws.*) as JVM system properties, which every class on Backends reads.
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class SavedSettingsTest {
    @TempDir
    Path course;

    @AfterEach
    void clear() {
        System.clearProperty("labs.moduleDir");
        System.clearProperty("labs.accessKeyId");
    }

    @Test
    @DisplayName("A test run in a lab's module (Maven, the IDE) uses the saved endpoint and account without any export")
    void aLabsTestsReadTheSavedAccount() throws Exception {
        Path lab = Files.createDirectories(course.resolve("labs/00-getting-started"));
        SavedSettings.save(course, Map.of("labs.backend", "endpoint", "labs.endpoint", "http://192.168.1.20:4566",
                "labs.accessKeyId", "123456789012"), "a test");
        System.setProperty("labs.moduleDir", lab.toString());

        assertThat(LabSettings.backendKind()).isEqualTo(Backend.Kind.ENDPOINT);
        assertThat(LabSettings.endpoint()).hasValue("http://192.168.1.20:4566");
        assertThat(LabSettings.accessKeyId()).isEqualTo("123456789012");
        assertThat(LabSettings.backendChosen()).isTrue();
        assertThat(Backends.forTestClass().accountId()).isEqualTo("123456789012");
    }

    @Test
    @DisplayName("A system property still wins over what was saved; settings that are not saved ones are never read from the file")
    void propertiesWin() throws Exception {
        Path lab = Files.createDirectories(course.resolve("labs/00-getting-started"));
        SavedSettings.save(course, Map.of("labs.accessKeyId", "123456789012", "labs.region", "eu-west-1"), "a test");
        System.setProperty("labs.moduleDir", lab.toString());
        System.setProperty("labs.accessKeyId", "210987654321");

        assertThat(LabSettings.accessKeyId()).isEqualTo("210987654321");
        assertThat(LabSettings.region()).isEqualTo("us-east-1");
    }

    @Test
    @DisplayName("Forgetting the saved settings puts every runner back on its own backend")
    void forgetting() throws Exception {
        Path lab = Files.createDirectories(course.resolve("labs/00-getting-started"));
        SavedSettings.save(course, Map.of("labs.backend", "endpoint", "labs.accessKeyId", "123456789012"), "a test");
        System.setProperty("labs.moduleDir", lab.toString());

        assertThat(SavedSettings.forget(course)).isTrue();

        assertThat(LabSettings.backendChosen()).isFalse();
        assertThat(LabSettings.accessKeyId()).isEqualTo("test");
    }
}
