package dev.ecslabs.emulator.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The little of POSIX shell the simulated containers understand: simple commands with quoted
 * words, joined by {@code ;}, newlines, {@code &&} and {@code ||}. Enough for the scripts a task
 * definition passes to {@code sh -c}, such as {@code "sleep 5; exit 3"} or
 * {@code "curl -f http://localhost:8080/ || exit 1"}.
 */
final class ShellScript {
    /** How a command is joined to the one before it. */
    enum Join { ALWAYS, IF_SUCCEEDED, IF_FAILED }

    /** One simple command and how it joins the previous one. */
    record Step(Join join, List<String> words) {

        /** Whether the step runs after a command that ended with {@code status}. */
        boolean runsAfter(int status) {
            return join == Join.ALWAYS || (join == Join.IF_SUCCEEDED) == (status == 0);
        }

        /** The program's name without its directory: {@code /bin/sleep} is {@code sleep}. */
        String program() {
            return words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        }

        /** The step's arguments after the program, or {@code fallback} when it has none. */
        String argument(String fallback) {
            return words.size() > 1 ? words.get(1) : fallback;
        }
    }

    /** An exit status as the shell's {@code exit N} takes it: 0 to 255, 2 for a word that is not a number. */
    static int exitStatus(String text) {
        try {
            return Integer.parseInt(text) & 0xff;
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private ShellScript() {
    }

    static List<Step> parse(String script) {
        List<Step> steps = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        Join join = Join.ALWAYS;
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < script.length()) {
                    word.append(script.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
                continue;
            }
            boolean and = c == '&' && i + 1 < script.length() && script.charAt(i + 1) == '&';
            boolean or = c == '|' && i + 1 < script.length() && script.charAt(i + 1) == '|';
            if (c == ';' || c == '\n' || and || or) {
                word = flush(word, words);
                if (!words.isEmpty()) {
                    steps.add(new Step(join, List.copyOf(words)));
                    words.clear();
                }
                join = and ? Join.IF_SUCCEEDED : or ? Join.IF_FAILED : Join.ALWAYS;
                if (and || or) {
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                word = flush(word, words);
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            word.append(c);
        }
        flush(word, words);
        if (!words.isEmpty()) {
            steps.add(new Step(join, List.copyOf(words)));
        }
        return steps;
    }

    private static StringBuilder flush(StringBuilder word, List<String> words) {
        if (word != null) {
            words.add(word.toString());
        }
        return null;
    }

    /** True for a shell program ({@code sh}, {@code /bin/bash}, …) given {@code -c}. */
    static boolean isShellWithScript(List<String> argv) {
        if (argv.size() < 3 || !"-c".equals(argv.get(1))) {
            return false;
        }
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        return List.of("sh", "bash", "ash", "dash", "zsh").contains(program);
    }
}
