package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labkit settings of a run in this JVM, set as system properties for the run's length and put
 * back after: labkit reads its settings there. Which lab this is (its results go to the progress
 * file), that it is a learner's run and not the course check, who ran it (cli or dashboard), and
 * the backend. Runs are one at a time (see {@link LabRunner}), so no two runs see each other's.
 */
public record RunSettings(String runner, Path progressFile, LabTarget target) {

    AutoCloseable applyTo(LabFolder lab) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("labs.moduleDir", lab.dir().toString());
        wanted.put("labs.courseCheck", "false");
        wanted.put("labs.runner", runner);
        wanted.put("labs.progressFile", progressFile.toString());
        switch (target.kind()) {
            case EMBEDDED -> wanted.put("labs.backend", "embedded");
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
        Map<String, String> previous = new LinkedHashMap<>();
        wanted.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        return () -> previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
