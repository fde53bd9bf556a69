package dev.ecslabs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The emulator README's map of the code (its first code block, and the {@code (`dir/`)} of its
 * section headings) names packages that exist, and every package of the emulator is on it.
 */
class ReadmeMapTest {
    static final Path README = Path.of("README.md");
    static final Path SOURCES = Path.of("src/main/java/dev/ecslabs/emulator");
    /** A directory named in prose: {@code ecr/registry/}, {@code cluster/}; not {@code /v2/}, {@code start/stop}. */
    static final Pattern DIRECTORY = Pattern.compile("(?<![\\w/.])([a-z][a-z0-9]*(?:/[a-z][a-z0-9]*)*/)(?=[\\s,;)]|$)");
    static final Pattern HEADING_DIRECTORY = Pattern.compile("^#+ .*\\(`([a-z0-9/]+/)`\\)");

    @Test
    @DisplayName("Every directory the README's map names is a package under src/main/java/dev/ecslabs/emulator/")
    void namedDirectoriesExist() throws IOException {
        List<String> missing = named().stream().filter(dir -> !Files.isDirectory(SOURCES.resolve(dir))).toList();

        assertThat(missing).as("modules/emulator/README.md names directories that do not exist under %s: "
                + "fix the map (or the heading) to name the package where the code is", SOURCES).isEmpty();
    }

    @Test
    @DisplayName("Every package under src/main/java/dev/ecslabs/emulator/ is on the README's map")
    void everyPackageIsOnTheMap() throws IOException {
        Set<String> named = named();
        List<String> unnamed;
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            unnamed = dirs.filter(Files::isDirectory).filter(dir -> !dir.equals(SOURCES))
                    .map(dir -> SOURCES.relativize(dir).toString().replace('\\', '/') + "/")
                    .filter(dir -> !named.contains(dir)).sorted().toList();
        }

        assertThat(unnamed).as("packages missing from the map at the top of modules/emulator/README.md: add a line "
                + "(directory, then what its classes do) for each").isEmpty();
    }

    /** The directories the map and the headings name, relative to {@link #SOURCES}. */
    static Set<String> named() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        Set<String> named = new TreeSet<>();
        int open = lines.indexOf("```");
        assertThat(open).as("the map: the README's first code block").isNotNegative();
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        String entry = "";
        for (String line : lines.subList(open + 1, close)) {
            String description = line;
            if (!line.startsWith(" ")) { // a new entry: its name, then what it holds
                String[] parts = line.split("\\s+", 2);
                entry = parts[0].endsWith("/") ? parts[0] : "";
                named.add(entry);
                description = parts.length > 1 ? parts[1] : "";
            }
            Matcher inner = DIRECTORY.matcher(description); // cluster/ in the ecs/ line is ecs/cluster/
            while (inner.find()) {
                named.add(entry + inner.group(1));
            }
        }
        for (String line : lines) {
            Matcher heading = HEADING_DIRECTORY.matcher(line);
            if (heading.find()) {
                named.add(heading.group(1));
            }
        }
        named.remove("");
        return named;
    }
}
