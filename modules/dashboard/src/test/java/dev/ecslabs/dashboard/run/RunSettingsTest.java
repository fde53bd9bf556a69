package dev.ecslabs.dashboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.LabFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The labkit settings a run from the dashboard or the command line gets for its length, and puts back after. */
class RunSettingsTest {

    @Test
    @DisplayName("A run on the learner's AWS account (lab start --backend aws, told yes) is labs.backend=aws with "
            + "labs.aws.confirm=true while it runs, and the settings before it come back after")
    void awsRun() throws Exception {
        String backendBefore = System.getProperty("labs.backend");
        System.setProperty("labs.aws.confirm", "false");
        try {
            RunSettings settings = new RunSettings("dashboard", Path.of("progress.json"), LabTarget.aws());
            try (AutoCloseable applied = settings.applyTo(new LabFolder("03", "Fargate tasks", Path.of("labs/03-fargate-tasks")))) {
                assertThat(System.getProperty("labs.backend")).isEqualTo("aws");
                assertThat(System.getProperty("labs.aws.confirm")).isEqualTo("true");
                assertThat(System.getProperty("labs.runner")).isEqualTo("dashboard");
            }
            assertThat(System.getProperty("labs.backend")).isEqualTo(backendBefore);
            assertThat(System.getProperty("labs.aws.confirm")).isEqualTo("false");
        } finally {
            System.clearProperty("labs.aws.confirm");
        }
    }
}
