package dev.ecslabs.emulator.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of a container's JVM, as a local process runs it: the image's {@code java}
 * becomes the JDK the emulator runs on, and paths inside the image ({@code -jar /app/app.jar},
 * {@code -cp /app/classes:/app/libs/*}, Jib's {@code @/app/jib-classpath-file} and the paths that
 * argument file lists) resolve inside the unpacked image. Options of the runtime go first, so the
 * image's own options win over them.
 */
final class JavaCommandLine {
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");

    private JavaCommandLine() {
    }

    /** Whether {@code argv} runs a JVM: its program is {@code java}. */
    static boolean runsJava(List<String> argv) {
        if (argv.isEmpty()) {
            return false;
        }
        String program = argv.get(0);
        return program.equals("java") || program.endsWith("/java");
    }

    /** What of the image the JVM needs first: the jar or the argument file; empty when neither is named. */
    static Optional<String> mainFile(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("-jar") && i + 1 < argv.size()) {
                return Optional.of(argv.get(i + 1));
            }
            if (arg.startsWith("@")) {
                return Optional.of(arg.substring(1));
            }
            if (CLASS_PATH_OPTIONS.contains(arg) && i + 1 < argv.size()) {
                String classPath = argv.get(i + 1);
                return Optional.of(classPath.startsWith("@") ? classPath.substring(1)
                        : classPath.split(":", 2)[0].replace("/*", ""));
            }
        }
        return Optional.empty();
    }

    /**
     * The command to start: {@code java} replaced, {@code runtimeOptions} added before the image's,
     * image paths resolved in {@code image}; argument files are rewritten into {@code scratch}.
     */
    static List<String> of(List<String> argv, Path java, List<String> runtimeOptions, Path image, Path scratch)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(runtimeOptions);
        boolean options = true;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (!options) {
                command.add(arg); // the app's own arguments are the app's business
            } else if (arg.startsWith("@")) {
                command.add("@" + rewriteArgumentFile(image, arg.substring(1), scratch));
            } else if ((CLASS_PATH_OPTIONS.contains(arg) || arg.equals("-jar")) && i + 1 < argv.size()) {
                command.add(arg);
                String value = argv.get(++i);
                command.add(arg.equals("-jar") ? inImage(image, value)
                        : value.startsWith("@") ? "@" + rewriteArgumentFile(image, value.substring(1), scratch)
                        : classPath(image, value));
                options = !arg.equals("-jar");
            } else if (!arg.startsWith("-")) {
                command.add(arg); // the main class: what follows is the app's
                options = false;
            } else {
                command.add(arg);
            }
        }
        return command;
    }

    /** Jib's argument file holds the class path ({@code /app/resources:/app/classes:/app/libs/*}); its paths are the image's. */
    private static String rewriteArgumentFile(Path image, String file, Path scratch) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(inImage(image, file)));
        List<String> rewritten = new ArrayList<>();
        for (String line : lines) {
            rewritten.add(line.isBlank() ? line : classPath(image, line.trim()));
        }
        Files.createDirectories(scratch);
        Path copy = scratch.resolve(Path.of(file).getFileName().toString());
        Files.write(copy, rewritten);
        return copy.toString();
    }

    private static String classPath(Path image, String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(":")) {
            entries.add(entry.startsWith("/") ? inImage(image, entry) : entry);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** An absolute path of the image, on this machine; a relative path stays relative (to the working directory). */
    static String inImage(Path image, String path) {
        if (!path.startsWith("/")) {
            return path;
        }
        String relative = path.substring(1);
        return relative.isEmpty() ? image.toString() : image.resolve(relative).toString();
    }
}
