package dev.ecslabs.emulator.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines a simulated {@code echo} or {@code printf} writes: to stdout, or to stderr with
 * {@code >&2} (both reach the container's log driver); none when redirected to a file
 * ({@code > /tmp/x}). {@code echo -e} and {@code printf} turn {@code \n} into new lines; {@code printf}
 * fills {@code %s} and {@code %d} with its arguments in turn.
 */
final class ShellOutput {
    private ShellOutput() {
    }

    static List<String> of(List<String> words) {
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        List<String> arguments = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals(">&2") || word.equals("1>&2") || word.equals("2>&1") || word.equals(">&1")) {
                continue; // to stderr or stdout: the log driver takes both
            }
            if (word.startsWith(">") || word.startsWith("1>")) {
                return List.of(); // into a file: nothing reaches the log
            }
            arguments.add(word);
        }
        return program.equals("printf") ? printf(arguments) : echo(arguments);
    }

    private static List<String> echo(List<String> arguments) {
        boolean escapes = false;
        int first = 0;
        while (first < arguments.size() && arguments.get(first).matches("-[neE]+")) {
            escapes |= arguments.get(first).contains("e");
            first++;
        }
        String text = String.join(" ", arguments.subList(first, arguments.size()));
        return escapes ? lines(text.replace("\\n", "\n").replace("\\t", "\t")) : List.of(text);
    }

    private static List<String> printf(List<String> arguments) {
        if (arguments.isEmpty()) {
            return List.of();
        }
        StringBuilder out = new StringBuilder();
        String format = arguments.get(0);
        int next = 1;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length()) {
                char escaped = format.charAt(++i);
                out.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
            } else if (c == '%' && i + 1 < format.length()) {
                char conversion = format.charAt(++i);
                if (conversion == '%') {
                    out.append('%');
                } else {
                    out.append(next < arguments.size() ? arguments.get(next++) : conversion == 'd' ? "0" : "");
                }
            } else {
                out.append(c);
            }
        }
        return lines(out.toString());
    }

    /** The lines of a text; a text ending in a new line has no empty line after it. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
