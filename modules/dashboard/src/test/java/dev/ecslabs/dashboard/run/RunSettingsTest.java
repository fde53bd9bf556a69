package dev.ecslabs.dashboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.labkit.Backend;
import dev.ecslabs.labkit.LabSettings;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The labkit settings a run from the dashboard or the command line gets for its length, and for its own classes only. */
class RunSettingsTest {

    @Test
    @DisplayName("A run on the learner's AWS account (lab start --backend aws, told yes) is labs.backend=aws with "
            + "labs.aws.confirm=true for the run's classes while it runs; the JVM's system properties stay as they were")
    void awsRun() throws Exception {
        String backendBefore = System.getProperty("labs.backend");
        System.setProperty("labs.aws.confirm", "false");
        try (URLClassLoader runClasses = new URLClassLoader("run", new URL[0], getClass().getClassLoader())) {
            RunSettings settings = new RunSettings("dashboard", Path.of("progress.json"), LabTarget.aws());
            try (AutoCloseable applied = settings.applyTo(new LabFolder("03", "Fargate tasks", Path.of("labs/03-fargate-tasks")),
                    runClasses)) {
                assertThat(under(runClasses, LabSettings::backendKind)).isEqualTo(Backend.Kind.AWS);
                assertThat(under(runClasses, LabSettings::awsConfirmed)).isTrue();
                assertThat(under(runClasses, LabSettings::runner)).hasValue("dashboard");
                assertThat(System.getProperty("labs.backend")).as("the JVM's, which other runs see").isEqualTo(backendBefore);
                assertThat(LabSettings.awsConfirmed()).as("outside the run").isFalse();
            }
            assertThat(under(runClasses, LabSettings::awsConfirmed)).as("after the run").isFalse();
            assertThat(under(runClasses, LabSettings::runner)).isEqualTo(Optional.ofNullable(System.getProperty("labs.runner")));
        } finally {
            System.clearProperty("labs.aws.confirm");
        }
    }

    @Test
    @DisplayName("A run on a named in-process emulator (the course check gives each of its threads its own) tells labkit "
            + "that name; a run on the shared one names none")
    void namedEmulator() throws Exception {
        LabFolder lab = new LabFolder("00", "Getting started", Path.of("labs/00-getting-started"));
        try (URLClassLoader named = new URLClassLoader("named", new URL[0], getClass().getClassLoader());
             URLClassLoader shared = new URLClassLoader("shared", new URL[0], getClass().getClassLoader());
             AutoCloseable one = new RunSettings("course-check", Path.of("a.json"), LabTarget.embedded("lab-check-2")).applyTo(lab, named);
             AutoCloseable other = new RunSettings("cli", Path.of("b.json"), LabTarget.embedded()).applyTo(lab, shared)) {
            assertThat(under(named, LabSettings::embeddedEmulator)).isEqualTo("lab-check-2");
            assertThat(under(shared, LabSettings::embeddedEmulator)).isEmpty();
            assertThat(under(shared, LabSettings::progressFile)).hasValue("b.json");
        }
    }

    /** What {@code setting} is for code running with {@code loader} as its context class loader, as a run's tests do. */
    private static <T> T under(ClassLoader loader, Callable<T> setting) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return setting.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
