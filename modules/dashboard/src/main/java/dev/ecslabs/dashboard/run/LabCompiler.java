package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a lab in this JVM with javac ({@code javax.tools}), into the folders Maven uses
 * ({@code target/classes}, {@code target/test-classes}), so that labkit, the IDE and a later
 * {@code mvnw test} all see the same classes. The compile class path is this tool's own, which
 * carries everything the labs' pom gives a lab. A warm javac compiles a lab in a fraction of a
 * second, which is what makes {@code lab watch} fast.
 *
 * <p>Classes land in a scratch folder first and replace the old ones only when the whole lab
 * compiled: a typo never leaves a lab without classes.
 */
public final class LabCompiler {
    /** One compile at a time in this JVM: two compiles of a lab would write the same class files. */
    private static final Object LOCK = new Object();

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    private StandardJavaFileManager files;

    /** Compiles the lab's starter code and its tests, and copies their resources. */
    public CompileResult compile(LabFolder lab) {
        long started = System.nanoTime();
        if (javac == null) {
            return CompileResult.failed("This Java has no compiler (javac): the lab tool needs a JDK 17 or newer, not a "
                    + "runtime only. Point JAVA_HOME at a JDK (java -version tells which Java runs now).", Duration.ZERO);
        }
        synchronized (LOCK) {
            try {
                Path classes = lab.target().resolve("classes");
                Path testClasses = lab.target().resolve("test-classes");
                LabClassPath libraries = LabClassPath.of(lab);
                List<String> mainPath = new ArrayList<>(classPath);
                mainPath.addAll(libraries.entries());
                Errors errors = compileInto(lab, lab.dir().resolve("src/main/java"), classes, mainPath);
                if (errors.none()) {
                    List<String> testPath = new ArrayList<>(mainPath);
                    testPath.add(0, classes.toString());
                    errors = compileInto(lab, lab.dir().resolve("src/test/java"), testClasses, testPath);
                }
                if (!errors.none()) {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    if (libraries.problem().isPresent() && !errors.missingPackages().isEmpty()) {
                        return CompileResult.libraryMissing(MissingLibrary.explain(lab, errors.missingPackages(),
                                libraries.problem().get()), took);
                    }
                    return CompileResult.failed(errors.text(), took);
                }
                copyResources(lab.dir().resolve("src/main/resources"), classes);
                copyResources(lab.dir().resolve("src/test/resources"), testClasses);
                return CompileResult.ok(Duration.ofNanos(System.nanoTime() - started));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot compile lab " + lab.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * True when the lab's test classes are at least as new as its test sources: what the exercise
     * catalogue needs. Edits to the starter code don't make them stale; a run compiles those.
     */
    public static boolean testsUpToDate(LabFolder lab) {
        try {
            FileTime sources = newest(lab.testSources(), path -> true);
            FileTime classes = newest(lab.target().resolve("test-classes"), f -> f.toString().endsWith(".class"));
            return classes != null && (sources == null || classes.compareTo(sources) >= 0);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** javac's errors as a learner reads them, and the packages it found missing (a library the class path lacks, or a typo). */
    private record Errors(String text, List<String> missingPackages) {
        static final Errors NONE = new Errors("", List.of());

        boolean none() {
            return text.isEmpty();
        }
    }

    private Errors compileInto(LabFolder lab, Path sourceRoot, Path output, List<String> path) throws IOException {
        List<Path> sources = javaFiles(sourceRoot);
        // a scratch folder of this process's own: lab watch and the dashboard may compile the same lab at once
        Path scratch = lab.target().resolve("lab-tool").resolve(ProcessHandle.current().pid() + "-" + output.getFileName());
        deleteTree(scratch);
        Files.createDirectories(scratch);
        try {
            return compileSources(lab, sources, scratch, output, path);
        } finally {
            deleteTree(scratch);
        }
    }

    private Errors compileSources(LabFolder lab, List<Path> sources, Path scratch, Path output, List<String> path)
            throws IOException {
        if (sources.isEmpty()) {
            replaceClasses(scratch, output);
            return Errors.NONE;
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager fileManager = fileManager();
        List<String> options = List.of("-d", scratch.toString(), "-classpath", String.join(File.pathSeparator, path),
                "--release", "17", "-encoding", "UTF-8", "-g", "-proc:none", "-nowarn");
        Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(sources);
        boolean ok = javac.getTask(null, fileManager, diagnostics, options, null, units).call();
        if (!ok) {
            return describe(lab, diagnostics.getDiagnostics());
        }
        replaceClasses(scratch, output);
        return Errors.NONE;
    }

    /**
     * javac's file manager keeps the jars of the class path open between compiles; reusing it is
     * most of what makes the second compile fast.
     */
    private StandardJavaFileManager fileManager() {
        if (files == null) {
            files = javac.getStandardFileManager(null, Locale.ENGLISH, StandardCharsets.UTF_8);
        }
        return files;
    }

    private static Errors describe(LabFolder lab, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        StringBuilder text = new StringBuilder();
        List<String> missingPackages = new ArrayList<>();
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
            if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            errors++;
            MissingLibrary.packageOf(diagnostic).filter(p -> !missingPackages.contains(p)).ifPresent(missingPackages::add);
            String where = diagnostic.getSource() == null ? "" : lab.dir().relativize(Path.of(diagnostic.getSource().toUri()))
                    .toString().replace(File.separatorChar, '/') + ":" + diagnostic.getLineNumber() + ": ";
            text.append(where).append(diagnostic.getMessage(Locale.ENGLISH)).append(System.lineSeparator());
        }
        text.append(errors == 1 ? "1 error" : errors + " errors");
        return new Errors(text.toString(), List.copyOf(missingPackages));
    }

    private static void replaceClasses(Path scratch, Path output) throws IOException {
        Files.createDirectories(output);
        try (Stream<Path> old = Files.walk(output)) {
            for (Path file : old.filter(f -> f.toString().endsWith(".class")).toList()) {
                Files.delete(file);
            }
        }
        try (Stream<Path> fresh = Files.walk(scratch)) {
            for (Path file : fresh.filter(Files::isRegularFile).toList()) {
                Path target = output.resolve(scratch.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void copyResources(Path resources, Path output) throws IOException {
        if (!Files.isDirectory(resources)) {
            return;
        }
        try (Stream<Path> all = Files.walk(resources)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                Path target = output.resolve(resources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static FileTime newest(Path root, Predicate<Path> which) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(which).map(LabCompiler::modified)
                    .max(Comparator.naturalOrder()).orElse(null);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
