package dev.ecslabs.labkit;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * What every unfinished starter method throws: {@code throw new NotDoneYet();} right below a
 * {@code // TODO: …} comment that says what to do. The failure a learner sees quotes that
 * comment and points at the file and line, so the test report says what to do next.
 */
public class NotDoneYet extends AssertionError {
    private final String method;
    private final String todo;

    public NotDoneYet() {
        this(StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> !NotDoneYet.class.isAssignableFrom(f.getDeclaringClass()))
                        .findFirst().orElseThrow()));
    }

    private NotDoneYet(StackWalker.StackFrame starter) {
        this(starter.getDeclaringClass().getSimpleName() + "." + starter.getMethodName(),
                starter.getFileName() + ":" + starter.getLineNumber(),
                TodoComments.above(sourceOf(starter), starter.getLineNumber()));
    }

    private NotDoneYet(String method, String where, Optional<String> todo) {
        super((Object) (method + " is not done yet: " + todo.orElse("follow the TODO above it") + " (" + where + ")"));
        this.method = method;
        this.todo = todo.orElse(null);
    }

    /** The starter method that threw, as {@code Class.method}. */
    public String method() {
        return method;
    }

    /** The TODO comment above the throw, or empty if the starter lacks one (the course check fails then). */
    public Optional<String> todo() {
        return Optional.ofNullable(todo);
    }

    /** The source file of the starter class: {@code src/main/java} beside the {@code target/classes} it was loaded from. */
    private static Path sourceOf(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        String sourceRoot = System.getProperty("labs.sourceRoot");
        Path root;
        if (sourceRoot != null) {
            root = Path.of(sourceRoot);
        } else {
            CodeSource code = type.getProtectionDomain().getCodeSource();
            if (code == null || code.getLocation() == null) {
                return null;
            }
            try {
                Path classes = Path.of(code.getLocation().toURI());
                if (classes.getParent() == null || classes.getParent().getParent() == null) {
                    return null;
                }
                root = classes.getParent().getParent().resolve("src/main/java");
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }
        String packagePath = type.getPackageName().replace('.', '/');
        return root.resolve(packagePath).resolve(frame.getFileName() == null ? "" : frame.getFileName());
    }
}
