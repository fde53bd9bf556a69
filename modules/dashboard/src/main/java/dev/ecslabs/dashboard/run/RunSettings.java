package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.labkit.RunScopedSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labkit settings of a run in this JVM, for the run's length: which lab this is (its results go
 * to the progress file), that it is a learner's run and not the course check, who ran it (cli or
 * dashboard), and the backend. They belong to the run's class loader (labkit's
 * {@link RunScopedSettings}), not to the JVM's system properties, so that runs of different labs at
 * the same time (see {@link LabRunner}) never see each other's.
 */
public record RunSettings(String runner, Path progressFile, LabTarget target) {

    /** Gives the run of {@code lab}, which loads its classes with {@code loader}, these settings until closed. */
    AutoCloseable applyTo(LabFolder lab, ClassLoader loader) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("labs.moduleDir", lab.dir().toString());
        wanted.put("labs.courseCheck", "false");
        wanted.put("labs.runner", runner);
        wanted.put("labs.progressFile", progressFile.toString());
        switch (target.kind()) {
            case EMBEDDED -> {
                wanted.put("labs.backend", "embedded");
                if (!target.emulator().isEmpty()) {
                    wanted.put("labs.embeddedEmulator", target.emulator());
                }
            }
            case ENDPOINT -> {
                wanted.put("labs.backend", "endpoint");
                wanted.put("labs.endpoint", target.endpoint().orElseThrow().toString());
            }
            case AWS -> {
                // the learner said yes when ./lab start --backend aws asked
                wanted.put("labs.backend", "aws");
                wanted.put("labs.aws.confirm", "true");
            }
            case AS_CONFIGURED -> { }
        }
        return RunScopedSettings.of(loader, wanted);
    }
}
