package dev.ecslabs.dashboard.run;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabExercises;
import dev.ecslabs.dashboard.course.LabFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The exercise a learner's last edit is about: the starter methods whose code changed since the
 * previous look, and the first exercise whose test calls one of them ({@code ConnectedServices.registerBackend}
 * edited → 05.2, the first exercise that calls it). Both sides are read from the sources with javac's
 * parser, so a comment or a blank line is not a change, and nothing needs to compile. The first look
 * at a lab only takes note of its code.
 */
final class EditedExercise {
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    /** Per lab folder: each starter method ({@code Class.method}) and its code, as last seen. */
    private final Map<Path, Map<String, String>> lastSeen = new ConcurrentHashMap<>();
    /** Per lab folder: the exercise of the latest edit. */
    private final Map<Path, ExerciseInfo> lastEdited = new ConcurrentHashMap<>();

    /**
     * The exercise of the latest edit: the one the code changed since the previous look is about, or,
     * with no change since, the one the latest edit was about while it has not passed.
     */
    Optional<ExerciseInfo> look(LabExercises lab, Set<ExerciseInfo> passed) {
        Path dir = lab.lab().dir();
        Map<String, String> now = starterMethods(lab.lab());
        Map<String, String> before = lastSeen.put(dir, now);
        Optional<ExerciseInfo> editedNow = before == null ? Optional.empty() : firstCalling(lab, changed(before, now));
        if (editedNow.isPresent()) {
            lastEdited.put(dir, editedNow.get());
            return editedNow;
        }
        ExerciseInfo edited = lastEdited.get(dir);
        return edited == null || passed.contains(edited) ? Optional.empty() : Optional.of(edited);
    }

    private static Set<String> changed(Map<String, String> before, Map<String, String> now) {
        Set<String> changed = new HashSet<>();
        now.forEach((method, code) -> {
            if (!code.equals(before.get(method))) {
                changed.add(method);
            }
        });
        return changed;
    }

    /** The first exercise, in order, whose test method calls one of {@code methods}. */
    private Optional<ExerciseInfo> firstCalling(LabExercises lab, Set<String> methods) {
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Set<String>> calls = exerciseCalls(lab.lab(), classesOf(methods));
        return lab.exercises().stream()
                .filter(e -> calls.getOrDefault(e.testClass() + "#" + e.testMethod(), Set.of()).stream().anyMatch(methods::contains))
                .findFirst();
    }

    private static Set<String> classesOf(Set<String> methods) {
        Set<String> classes = new HashSet<>();
        methods.forEach(m -> classes.add(m.substring(0, m.indexOf('.'))));
        return classes;
    }

    /** Every method of the lab's starter code, {@code Class.method(arity)} → its code as javac prints it. */
    private Map<String, String> starterMethods(LabFolder lab) {
        Map<String, String> methods = new HashMap<>();
        for (CompilationUnitTree unit : parse(lab.mainSources())) {
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree c) {
                    for (Tree member : c.getMembers()) {
                        if (member instanceof MethodTree m) {
                            methods.merge(c.getSimpleName() + "." + m.getName(), m.toString(), String::concat);
                        }
                    }
                }
            }
        }
        return methods;
    }

    /**
     * For each test method ({@code fully.qualified.Class#method}), the starter methods it calls
     * ({@code Class.method}): static calls on a starter class, and calls on a field or variable
     * whose declared type is one; through the test class's own helper methods too.
     */
    private Map<String, Set<String>> exerciseCalls(LabFolder lab, Set<String> starterClasses) {
        Map<String, Set<String>> calls = new HashMap<>();
        for (CompilationUnitTree unit : parse(lab.testSources())) {
            String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree c) {
                    calls.putAll(callsIn(pkg + c.getSimpleName(), c, starterClasses));
                }
            }
        }
        return calls;
    }

    private static Map<String, Set<String>> callsIn(String className, ClassTree type, Set<String> starterClasses) {
        Map<String, String> typeOf = new HashMap<>();
        Map<String, Set<String>> direct = new HashMap<>();
        Map<String, Set<String>> helpers = new HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                typeOf.put(variable.getName().toString(), variable.getType() == null ? "" : variable.getType().toString());
                return super.visitVariable(variable, unused);
            }
        }.scan(type, null);
        for (Tree member : type.getMembers()) {
            if (member instanceof MethodTree method) {
                Set<String> starter = new HashSet<>();
                Set<String> own = new HashSet<>();
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                        if (call.getMethodSelect() instanceof MemberSelectTree select
                                && select.getExpression() instanceof IdentifierTree receiver) {
                            String name = receiver.getName().toString();
                            String owner = starterClasses.contains(name) ? name : typeOf.get(name);
                            if (owner != null && starterClasses.contains(owner)) {
                                starter.add(owner + "." + select.getIdentifier());
                            }
                        } else if (call.getMethodSelect() instanceof IdentifierTree callee) {
                            own.add(callee.getName().toString());
                        }
                        return super.visitMethodInvocation(call, unused);
                    }

                    @Override
                    public Void visitNewClass(NewClassTree created, Void unused) {
                        String name = created.getIdentifier().toString();
                        if (starterClasses.contains(name)) {
                            starter.add(name + ".<init>");
                        }
                        return super.visitNewClass(created, unused);
                    }
                }.scan(method, null);
                direct.merge(method.getName().toString(), starter, (a, b) -> { a.addAll(b); return a; });
                helpers.merge(method.getName().toString(), own, (a, b) -> { a.addAll(b); return a; });
            }
        }
        Map<String, Set<String>> calls = new HashMap<>();
        direct.keySet().forEach(method -> calls.put(className + "#" + method, reach(method, direct, helpers, new HashSet<>())));
        return calls;
    }

    /** The starter methods a test method calls, itself or through the helper methods it calls. */
    private static Set<String> reach(String method, Map<String, Set<String>> direct, Map<String, Set<String>> helpers, Set<String> seen) {
        Set<String> all = new HashSet<>();
        if (!seen.add(method) || !direct.containsKey(method)) {
            return all;
        }
        all.addAll(direct.get(method));
        helpers.get(method).forEach(helper -> all.addAll(reach(helper, direct, helpers, seen)));
        return all;
    }

    /** The sources under {@code root}, parsed (not compiled: a lab mid-edit still parses, mostly). */
    private List<CompilationUnitTree> parse(Path root) {
        List<Path> files;
        try (Stream<Path> walk = Files.isDirectory(root) ? Files.walk(root) : Stream.empty()) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        if (files.isEmpty() || javac == null) {
            return List.of();
        }
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, fileManager, diagnostic -> { }, List.of("-proc:none"), null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            List<CompilationUnitTree> units = new ArrayList<>();
            task.parse().forEach(units::add);
            return units;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
