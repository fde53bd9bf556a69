package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The libraries a lab is compiled and run with, as its own build resolved them from its pom:
 * {@code target/lab-classpath.txt}, which the labs' pom has Maven write on every build. A library a
 * lab adds to its pom (jib-core in lab 01) so reaches the lab tool with nothing else to change.
 * When the file is missing, older than the lab's pom or names jars that are gone, {@link #problem()}
 * says so in words: a compile error it causes is the course's setup, not the learner's code.
 */
public record LabClassPath(List<Path> libraries, Optional<String> problem) {
    /** Where the labs' pom has Maven write the class path (maven-dependency-plugin's build-classpath). */
    public static final String FILE = "lab-classpath.txt";

    public static LabClassPath of(LabFolder lab) {
        Path file = lab.target().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new LabClassPath(List.of(), Optional.of("the course's build has not written " + where(lab, file)
                    + ", the list of the lab's libraries, yet"));
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            List<Path> present = new ArrayList<>();
            List<Path> missing = new ArrayList<>();
            // written on this machine by Maven, with this platform's separator (';' on Windows)
            for (String entry : text.isEmpty() ? new String[0] : text.split(File.pathSeparator)) {
                Path library = Path.of(entry.strip());
                (Files.exists(library) ? present : missing).add(library);
            }
            Optional<String> problem = Optional.empty();
            Path pom = lab.dir().resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.getLastModifiedTime(pom).compareTo(Files.getLastModifiedTime(file)) > 0) {
                problem = Optional.of("the lab's pom.xml changed after the course's build wrote " + where(lab, file));
            } else if (!missing.isEmpty()) {
                problem = Optional.of(missing.size() + " of the lab's libraries are no longer in the Maven repository (the "
                        + "first: " + missing.get(0) + ")");
            }
            return new LabClassPath(List.copyOf(present), problem);
        } catch (IOException e) {
            return new LabClassPath(List.of(), Optional.of("the list of the lab's libraries, " + where(lab, file)
                    + ", can't be read (" + e.getMessage() + ")"));
        }
    }

    /** Only the libraries that are there, as javac's class path entries. */
    public List<String> entries() {
        return libraries.stream().map(Path::toString).toList();
    }

    private static String where(LabFolder lab, Path file) {
        return "labs/" + lab.name() + "/" + lab.dir().relativize(file).toString().replace(File.separatorChar, '/');
    }
}
