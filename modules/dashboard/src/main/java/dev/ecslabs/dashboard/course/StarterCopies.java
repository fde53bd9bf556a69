package dev.ecslabs.dashboard.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pristine copy of each lab's starter code ({@code src/main}), kept in {@code .labs/starters/}
 * so that {@code ./lab reset} can put it back, and a reset that keeps the learner's version aside
 * in {@code .labs/kept/} first: nothing the learner wrote is ever lost.
 *
 * <p>The copy is taken the first time a lab command sees the lab: from git's {@code HEAD} when the
 * course is a git checkout (so edits made before that first command are not mistaken for the
 * starter, and the learner's own commits later do not change it), else from the files as they
 * are. Deleting {@code .labs/starters/NN-name} takes it again.
 */
public final class StarterCopies {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private StarterCopies() {
    }

    static Path copyOf(Course course, LabFolder lab) {
        return course.toolsDirectory().resolve("starters").resolve(lab.name());
    }

    /** Takes the pristine copy of every lab that has none yet. */
    public static void keep(Course course) {
        for (LabFolder lab : course.labs()) {
            Path copy = copyOf(course, lab);
            if (Files.isDirectory(copy)) {
                continue;
            }
            try {
                Path scratch = Files.createDirectories(copy.getParent()).resolve("." + lab.name() + ".tmp");
                deleteTree(scratch);
                String origin = fromGit(course, lab, scratch.resolve("src/main"))
                        ? "git HEAD of the course, " + Instant.now()
                        : copyFiles(lab.mainSources(), scratch.resolve("src/main"));
                Files.writeString(scratch.resolve("ORIGIN"), "Starter code of " + lab.name() + ", taken from " + origin
                        + System.lineSeparator(), StandardCharsets.UTF_8);
                Files.move(scratch, copy);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot keep a copy of the starter code of " + lab.name() + " in " + copy, e);
            }
        }
    }

    /**
     * Puts the starter code back in the lab, after moving the learner's {@code src/main} to
     * {@code .labs/kept/NN-name-<time>/src/main}; answers that folder.
     */
    public static Path reset(Course course, LabFolder lab) {
        Path pristine = copyOf(course, lab).resolve("src/main");
        if (!Files.isDirectory(pristine)) {
            throw new IllegalStateException("There is no copy of the starter code of lab " + lab.id() + " in "
                    + copyOf(course, lab) + ", so nothing to reset to.");
        }
        Path kept = course.toolsDirectory().resolve("kept").resolve(lab.name() + "-" + STAMP.format(Instant.now()));
        try {
            // copied first and only then deleted: a failure half way leaves the learner's files where they were
            copyFiles(lab.mainSources(), kept.resolve("src/main"));
            deleteTree(lab.mainSources());
            copyFiles(pristine, lab.mainSources());
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("Resetting lab " + lab.id() + " failed: " + e.getMessage()
                    + ". Your files are in " + lab.mainSources() + " or, if not, in " + kept, e);
        }
    }

    private static boolean fromGit(Course course, LabFolder lab, Path into) {
        String prefix = course.root().relativize(lab.mainSources()).toString().replace('\\', '/');
        try {
            List<String> tracked = git(course, "ls-tree", "-r", "--name-only", "HEAD", "--", prefix + "/").lines().toList();
            if (tracked.isEmpty()) {
                return false;
            }
            for (String file : tracked) {
                Path target = into.resolve(file.substring(prefix.length() + 1));
                Files.createDirectories(target.getParent());
                Files.write(target, gitBytes(course, "show", "HEAD:./" + file));
            }
            return true;
        } catch (IOException e) {
            deleteQuietly(into);
            return false;
        }
    }

    private static String git(Course course, String... args) throws IOException {
        return new String(gitBytes(course, args), StandardCharsets.UTF_8);
    }

    private static byte[] gitBytes(Course course, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", course.root().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("git " + args[0] + " did not succeed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }

    private static String copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return "the lab's files as they were at " + Instant.now() + " (the course is not a git checkout)";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            // a scratch folder; the next attempt starts it afresh
        }
    }
}
