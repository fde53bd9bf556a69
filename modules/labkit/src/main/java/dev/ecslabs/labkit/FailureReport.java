package dev.ecslabs.labkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an exercise's failure says to a learner, the same in the terminal, the dashboard and the
 * progress file: the whole message (AssertJ's expected and actual included), the root cause when
 * another exception is behind it ({@code UnknownHostException: ecs.us-east-1.amazonaws.com}),
 * labkit's notes on it, and where in the learner's own code ({@code src/main}) it happened.
 */
public final class FailureReport {
    private FailureReport() {
    }

    /** The report of {@code failure} in the lab or solution module {@code moduleDir} (null when not known). */
    public static String of(Throwable failure, Path moduleDir) {
        if (failure == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(headline(failure));
        Throwable root = rootCause(failure);
        if (root != failure && !text.toString().contains(String.valueOf(root.getMessage()))) {
            text.append(System.lineSeparator()).append("caused by ").append(headline(root));
        }
        Map<Throwable, Boolean> chain = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && chain.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof Note note) {
                    text.append(System.lineSeparator()).append(note.getMessage());
                }
            }
        }
        if (!(failure instanceof NotDoneYet)) {
            learnersLine(failure, moduleDir).ifPresent(where -> text.append(System.lineSeparator()).append(where));
        }
        return text.toString().strip();
    }

    /** The report, at most {@code limit} characters: what the progress file keeps. */
    public static String of(Throwable failure, Path moduleDir, int limit) {
        String text = of(failure, moduleDir);
        return text.length() > limit ? text.substring(0, limit - 3) + "..." : text;
    }

    /**
     * A sentence labkit adds to an exception it has more to say about (which resource, in which
     * account and region): added as a suppressed exception, so the exception keeps AWS's own type and
     * message, and Maven's report prints it too.
     */
    public static final class Note extends RuntimeException {
        public Note(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** Adds the sentences the failure does not carry yet (a Note once on the failure or one of its causes is enough). */
    static void addNotes(Throwable failure, List<String> sentences) {
        List<String> carried = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof Note) {
                    carried.add(suppressed.getMessage());
                }
            }
        }
        for (String sentence : sentences) {
            if (!carried.contains(sentence)) {
                failure.addSuppressed(new Note(sentence));
                carried.add(sentence);
            }
        }
    }

    /** An assertion's message as it is; any other exception with its type, as Maven prints it. */
    private static String headline(Throwable t) {
        String message = t.getMessage();
        if (t instanceof AssertionError && message != null && !message.isBlank()) {
            return message.strip();
        }
        String type = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message.strip();
    }

    private static Throwable rootCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable root = failure;
        while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null) {
            root = root.getCause();
        }
        return root;
    }

    /** The first frame of the failure (or its causes) in the learner's {@code src/main/java}, else in the exercise's test. */
    private static Optional<String> learnersLine(Throwable failure, Path moduleDir) {
        if (moduleDir == null) {
            return Optional.empty();
        }
        List<StackTraceElement> frames = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            frames.addAll(List.of(t.getStackTrace()));
        }
        for (String root : List.of("src/main/java", "src/test/java")) {
            for (StackTraceElement frame : frames) {
                Optional<String> file = sourceFile(moduleDir, root, frame);
                if (file.isPresent()) {
                    String method = simpleName(frame.getClassName()) + "." + frame.getMethodName();
                    return Optional.of((root.startsWith("src/main") ? "at " : "in the exercise, at ") + file.get() + ":"
                            + frame.getLineNumber() + " (" + method + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sourceFile(Path moduleDir, String root, StackTraceElement frame) {
        if (frame.getFileName() == null || frame.getLineNumber() < 0) {
            return Optional.empty();
        }
        String className = frame.getClassName();
        int dot = className.lastIndexOf('.');
        String packagePath = dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
        String relative = root + "/" + packagePath + frame.getFileName();
        return Files.isRegularFile(moduleDir.resolve(relative)) ? Optional.of(relative) : Optional.empty();
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
