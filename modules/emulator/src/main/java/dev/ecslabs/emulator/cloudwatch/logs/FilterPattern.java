package dev.ecslabs.emulator.cloudwatch.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A CloudWatch Logs filter pattern, as FilterLogEvents reads it
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html): empty
 * matches every event; terms and {@code "quoted phrases"} must all appear (case-sensitive),
 * {@code ?term}s are alternatives of which one must appear, {@code -term}s must not appear;
 * {@code %regex%} is a regular expression; {@code { $.field = "value" }} is a JSON pattern
 * ({@link JsonFilterPattern}). Space-delimited patterns ({@code [ip, user, ...]}) are refused with
 * a sentence saying so, never silently matched.
 */
final class FilterPattern {
    private final Predicate<String> matches;

    private FilterPattern(Predicate<String> matches) {
        this.matches = matches;
    }

    boolean matches(String message) {
        return matches.test(message);
    }

    /** Parses a pattern, or AWS's InvalidParameterException with what is wrong in it. */
    static FilterPattern parse(String pattern) {
        String text = pattern == null ? "" : pattern.strip();
        if (text.isEmpty()) {
            return new FilterPattern(message -> true);
        }
        if (text.startsWith("{")) {
            return new FilterPattern(JsonFilterPattern.parse(text)::matches);
        }
        if (text.startsWith("[")) {
            throw LogsErrors.invalidParameter("Space-delimited filter patterns ('" + text + "') are not served by this "
                    + "emulator; use terms, \"quoted phrases\", ?alternatives, -exclusions, %regex% or a JSON pattern { $.field = value }.");
        }
        if (text.length() > 1 && text.startsWith("%") && text.endsWith("%")) {
            try {
                Pattern regex = Pattern.compile(text.substring(1, text.length() - 1));
                return new FilterPattern(message -> regex.matcher(message).find());
            } catch (PatternSyntaxException e) {
                throw LogsErrors.invalidParameter("Invalid regular expression in filter pattern " + text + ": " + e.getDescription());
            }
        }
        return terms(text);
    }

    private static FilterPattern terms(String text) {
        List<String> all = new ArrayList<>();
        List<String> any = new ArrayList<>();
        List<String> none = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> target = all;
            if (c == '?' || c == '-') {
                target = c == '?' ? any : none;
                i++;
            }
            String term;
            if (i < text.length() && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw LogsErrors.invalidParameter("Invalid filter pattern: the quoted phrase starting at position " + i
                            + " of " + text + " has no closing quote.");
                }
                term = text.substring(i + 1, close);
                i = close + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            if (term.isEmpty()) {
                throw LogsErrors.invalidParameter("Invalid filter pattern " + text + ": a '?' or '-' must be followed by a term.");
            }
            target.add(term);
        }
        return new FilterPattern(message -> all.stream().allMatch(message::contains)
                && (any.isEmpty() || any.stream().anyMatch(message::contains))
                && none.stream().noneMatch(message::contains));
    }
}
