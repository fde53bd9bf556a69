package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads one lab's compiled classes, fresh for every run, on top of this tool's own class path.
 * Parent first: JUnit, labkit, the AWS SDK and the embedded emulator stay the ones already loaded
 * and warm, so only the learner's code and the lab's tests are new each time.
 */
public final class LabClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private LabClassLoader(LabFolder lab, URL[] urls) {
        super("lab-" + lab.id(), urls, LabClassLoader.class.getClassLoader());
    }

    public static LabClassLoader of(LabFolder lab) {
        return new LabClassLoader(lab, new URL[] {folder(lab.target().resolve("test-classes")),
                folder(lab.target().resolve("classes"))});
    }

    /** A folder's URL ends with a slash even before the folder exists; without it the loader would take it for a jar. */
    private static URL folder(Path dir) {
        String uri = dir.toAbsolutePath().toUri().toString();
        try {
            return new URL(uri.endsWith("/") ? uri : uri + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("The folder " + dir + " has no usable URL", e);
        }
    }
}
