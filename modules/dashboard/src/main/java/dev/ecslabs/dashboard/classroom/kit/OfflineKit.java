package dev.ecslabs.dashboard.classroom.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Prepares the offline kit: a folder to copy onto a USB stick that holds the course
 * ({@code ecs-labs/}), the Maven repository its build needs ({@code m2/repository}), the wrapper's
 * Maven ({@code maven/}), and {@code Install.java}, which puts both into the learner's
 * {@code ~/.m2}. The repository is what a real build of the course resolves, into a repository of
 * its own: the build with tests skipped (what {@code ./lab} runs) and a lab's tests (what
 * {@code ../../mvnw test} runs, which needs Surefire's JUnit provider).
 */
final class OfflineKit {
    /** The lab whose tests are run to resolve what running tests needs; every lab's are run the same way. */
    private static final String A_LAB = "labs/00-getting-started";

    private final Path course;
    private final Path kit;
    private final Optional<Path> fromRepository;
    private final PrintWriter out;

    OfflineKit(Path course, Path kit, Optional<Path> fromRepository, PrintWriter out) {
        this.course = course;
        this.kit = kit.toAbsolutePath().normalize();
        this.fromRepository = fromRepository.map(p -> p.toAbsolutePath().normalize());
        this.out = out;
    }

    void prepare() throws IOException, InterruptedException {
        if (Files.exists(kit) && !isEmptyDirectory(kit)) {
            throw new IllegalArgumentException("The folder " + kit + " is not empty; give an empty or new folder to --into.");
        }
        if (fromRepository.isPresent() && !Files.isDirectory(fromRepository.get())) {
            throw new IllegalArgumentException("--from-repository " + fromRepository.get() + " is not a folder: give a Maven "
                    + "repository such as ~/.m2/repository, after ./mvnw verify has run once.");
        }
        WrapperMaven maven = WrapperMaven.of(course);
        Files.createDirectories(kit);
        say("Copying the course into " + kit.resolve("ecs-labs") + " ...");
        say("  " + CourseFiles.copy(course, kit.resolve("ecs-labs")) + " files.");

        Path scratch = Files.createTempDirectory(kit, ".build");
        Path repository = kit.resolve("m2").resolve("repository");
        Path log = kit.resolve("offline-kit-build.log");
        try {
            CourseFiles.copy(course, scratch);
            MavenBuild build = new MavenBuild(log);
            List<String> common = new java.util.ArrayList<>(List.of("-B", "-Dmaven.repo.local=" + repository));
            if (fromRepository.isPresent()) {
                common.addAll(List.of("-s", settingsReadingFrom(scratch, fromRepository.get()).toString()));
            }
            say("Building the course into a repository of its own (" + fromRepository.map(r -> "libraries taken from " + r)
                    .orElse("libraries downloaded") + "); this takes a few minutes ...");
            try {
                // maven.test.skip: Maven still resolves every module's test dependencies (each mojo's resolution runs
                // before the mojo sees the flag), so the repository holds what -DskipTests would put there, file for
                // file, without compiling the course's own tests (docs/performance.md, "The dashboard module's tests").
                // course-proofs: the solutions and course-check too, which a build without tests leaves out (pom.xml)
                build.run(scratch, scratch, concat(common, "verify", "-Dmaven.test.skip=true", "-Pcourse-proofs"));
                say("Running a lab's tests once, for what running tests needs ...");
                build.run(scratch, scratch.resolve(A_LAB), concat(common, "test", "-Dmaven.test.failure.ignore=true"));
            } catch (IOException e) {
                throw fromRepository.isEmpty() ? e : new IOException(e.getMessage() + System.lineSeparator() + "A library "
                        + "missing from " + fromRepository.get() + " is downloaded when the kit is made without --from-repository.", e);
            }
        } finally {
            deleteTree(scratch);
        }
        int cleaned = keepOnlyWhatLearnersNeed(repository);
        say("  " + count(repository) + " files in " + repository + " (" + cleaned + " bookkeeping files and the course's own "
                + "build output left out).");

        Path installed = maven.installed().orElseThrow(() -> new IllegalStateException("The wrapper's " + maven.name()
                + " is not in " + WrapperMaven.dists() + ", although ./mvnw just ran: is MAVEN_USER_HOME set differently?"));
        copyTree(installed, kit.resolve("maven").resolve(maven.name()));
        Files.writeString(kit.resolve("maven").resolve("distribution-url.txt"), maven.distributionUrl() + "\n",
                StandardCharsets.UTF_8);
        say("  the wrapper's " + maven.name() + " from " + installed + ".");
        resource("Install.java", kit.resolve("Install.java"));
        resource("README.txt", kit.resolve("README.txt"));
        Files.deleteIfExists(log);
        say("The offline kit is ready in " + kit + " (" + megabytes(kit) + " MB). Copy the whole folder onto a USB stick; "
                + "its README.txt says what a learner does with it.");
    }

    /** A Maven settings file whose one repository is a folder on this machine: nothing is downloaded. */
    private static Path settingsReadingFrom(Path scratch, Path repository) throws IOException {
        Path settings = scratch.resolve(".offline-kit-settings.xml");
        Files.writeString(settings, """
                <settings>
                  <!-- offline kit: every library comes from a Maven repository already on this machine -->
                  <mirrors>
                    <mirror><id>central</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(repository.toUri()), StandardCharsets.UTF_8);
        return settings;
    }

    /**
     * Leaves out what would get in the learner's way: the course's own artifacts (their build makes
     * them), the records of which server each file came from (Maven would refuse a file recorded as
     * coming from a server the learner's build does not name), and records of failed downloads.
     */
    private static int keepOnlyWhatLearnersNeed(Path repository) throws IOException {
        deleteTree(repository.resolve("dev").resolve("ecslabs"));
        AtomicLong removed = new AtomicLong();
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("_remote.repositories") || name.endsWith(".lastUpdated")
                        || name.equals("resolver-status.properties")) {
                    Files.delete(file);
                    removed.incrementAndGet();
                }
            }
        }
        return (int) removed.get();
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static void resource(String name, Path to) throws IOException {
        try (InputStream in = OfflineKit.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("The lab tool lacks its resource " + name + ": rebuild it with ./mvnw install.");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long megabytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes / (1024 * 1024);
        }
    }
}
