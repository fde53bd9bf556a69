package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The sentence for a lab that does not compile because the lab tool lacks a library the lab's pom
 * names: the course's setup is behind, the learner's code is not at fault, and one command fixes it.
 */
final class MissingLibrary {
    private static final Pattern PACKAGE = Pattern.compile("package (\\S+) does not exist");

    private MissingLibrary() {
    }

    /** The package a "package … does not exist" error names. */
    static Optional<String> packageOf(Diagnostic<? extends JavaFileObject> diagnostic) {
        if (!"compiler.err.doesnt.exist".equals(diagnostic.getCode())) {
            return Optional.empty();
        }
        Matcher matcher = PACKAGE.matcher(diagnostic.getMessage(Locale.ENGLISH));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static String explain(LabFolder lab, List<String> packages, String problem) {
        String build = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "mvnw.cmd -q install -Dmaven.test.skip=true" : "./mvnw -q install -Dmaven.test.skip=true";
        return "Lab " + lab.id() + " uses " + (packages.size() == 1 ? "a library" : "libraries") + " ("
                + String.join(", ", packages) + ") that the lab tool has not got: " + problem + ". "
                + "This is the course's setup, not your code. Run " + build + " in the course's folder once "
                + "(./lab does it by itself when a lab's pom.xml changed), then check again.";
    }
}
