package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one lab's compiled classes, fresh for every run, on top of this tool's own class path, and
 * then the lab's own libraries ({@link LabClassPath}). Parent first: JUnit, labkit, the AWS SDK and
 * the embedded emulator stay the ones already loaded and warm, so only the learner's code, the lab's
 * tests and the libraries only the lab uses (jib-core in lab 01) are loaded here.
 */
public final class LabClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private LabClassLoader(LabFolder lab, URL[] urls) {
        super("lab-" + lab.id(), urls, LabClassLoader.class.getClassLoader());
    }

    public static LabClassLoader of(LabFolder lab) {
        List<URL> urls = new ArrayList<>(List.of(folder(lab.target().resolve("test-classes")),
                folder(lab.target().resolve("classes"))));
        for (Path library : LabClassPath.of(lab).libraries()) {
            urls.add(Files.isDirectory(library) ? folder(library) : jar(library));
        }
        return new LabClassLoader(lab, urls.toArray(URL[]::new));
    }

    private static URL jar(Path file) {
        try {
            return file.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("The library " + file + " has no usable URL", e);
        }
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
