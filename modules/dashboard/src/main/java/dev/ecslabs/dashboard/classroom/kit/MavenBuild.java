package dev.ecslabs.dashboard.classroom.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the course's Maven wrapper in a folder, its output into a log; a failed run is an
 * exception that says what ran and ends with the log's last lines.
 */
final class MavenBuild {
    private static final int LINES_SHOWN = 30;

    private final Path log;

    MavenBuild(Path log) {
        this.log = log;
    }

    void run(Path courseRoot, Path directory, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        if (windows) {
            command.addAll(List.of("cmd", "/c", courseRoot.resolve("mvnw.cmd").toString()));
        } else {
            command.addAll(List.of("sh", courseRoot.resolve("mvnw").toString()));
        }
        command.addAll(arguments);
        Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process maven = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        maven.getOutputStream().close();
        int exit = maven.waitFor();
        if (exit != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IOException("Maven failed (exit " + exit + ") running: " + String.join(" ", arguments) + " in " + directory
                    + ". The last lines of " + log + ":" + System.lineSeparator()
                    + String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - LINES_SHOWN), lines.size())));
        }
    }
}
