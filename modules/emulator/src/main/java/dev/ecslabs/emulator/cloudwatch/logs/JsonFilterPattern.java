package dev.ecslabs.emulator.cloudwatch.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A JSON filter pattern (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
 * "Using filter patterns to match terms in JSON log events"): {@code { SELECTOR OP VALUE }} with
 * selectors such as {@code $.level} or {@code $.user.roles[0]}; {@code =} and {@code !=} on strings
 * (quoted or bare, {@code *} a wildcard) and numbers; {@code < > <= >=} on numbers; {@code IS TRUE},
 * {@code IS FALSE}, {@code IS NULL}, {@code NOT EXISTS}; joined with {@code &&}, {@code ||} and
 * parentheses. A message that is not a JSON object matches no JSON pattern; a comparison on a field
 * the event lacks is false.
 */
final class JsonFilterPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private int at;

    private JsonFilterPattern(String text) {
        this.text = text;
    }

    /** A predicate on a parsed event; the message's JSON is parsed once per event by {@link #matches}. */
    record Compiled(Predicate<JsonNode> condition) {
        boolean matches(String message) {
            String trimmed = message.strip();
            if (!trimmed.startsWith("{")) {
                return false;
            }
            try {
                JsonNode event = JSON.readTree(trimmed);
                return event != null && event.isObject() && condition.test(event);
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }

    static Compiled parse(String text) {
        JsonFilterPattern parser = new JsonFilterPattern(text);
        parser.expect("{");
        Predicate<JsonNode> condition = parser.or();
        parser.expect("}");
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw parser.error("nothing may follow the closing '}'");
        }
        return new Compiled(condition);
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (accept("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = unary();
        while (accept("&&")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        if (accept("(")) {
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Predicate<JsonNode> comparison() {
        String selector = selector();
        if (acceptWord("NOT")) {
            if (!acceptWord("EXISTS")) {
                throw error("NOT must be followed by EXISTS");
            }
            return event -> find(event, selector) == null;
        }
        if (acceptWord("IS")) {
            if (acceptWord("NULL")) {
                return event -> {
                    JsonNode value = find(event, selector);
                    return value != null && value.isNull();
                };
            }
            boolean expected = acceptWord("TRUE") || !acceptWordOrFail("FALSE");
            return event -> {
                JsonNode value = find(event, selector);
                return value != null && value.isBoolean() && value.booleanValue() == expected;
            };
        }
        String op = operator();
        skipSpace();
        if (at < text.length() && text.charAt(at) == '"') {
            String value = quoted();
            return stringComparison(selector, op, value);
        }
        String bare = bareValue();
        BigDecimal number = number(bare);
        if (number != null) {
            return event -> {
                JsonNode value = find(event, selector);
                if (value == null || !value.isNumber()) {
                    return false;
                }
                int compared = value.decimalValue().compareTo(number);
                return switch (op) {
                    case "=" -> compared == 0;
                    case "!=" -> compared != 0;
                    case "<" -> compared < 0;
                    case ">" -> compared > 0;
                    case "<=" -> compared <= 0;
                    default -> compared >= 0;
                };
            };
        }
        return stringComparison(selector, op, bare);
    }

    private Predicate<JsonNode> stringComparison(String selector, String op, String value) {
        if (!op.equals("=") && !op.equals("!=")) {
            throw error("'" + op + "' compares numbers; strings take = or !=");
        }
        StringBuilder regex = new StringBuilder();
        for (String piece : value.split("\\*", -1)) {
            regex.append(Pattern.quote(piece)).append(".*");
        }
        Pattern wildcard = Pattern.compile(regex.substring(0, regex.length() - 2));
        boolean equal = op.equals("=");
        return event -> {
            JsonNode found = find(event, selector);
            if (found == null || found.isContainerNode() || found.isNull()) {
                return false;
            }
            return wildcard.matcher(found.asText()).matches() == equal;
        };
    }

    /** The node a selector names, or {@code null} when the event lacks it. */
    private static JsonNode find(JsonNode event, String selector) {
        JsonNode node = event;
        int i = 1; // after '$'
        while (i < selector.length() && node != null) {
            if (selector.charAt(i) == '.') {
                int end = i + 1;
                while (end < selector.length() && selector.charAt(end) != '.' && selector.charAt(end) != '[') {
                    end++;
                }
                node = node.isObject() ? node.get(selector.substring(i + 1, end)) : null;
                i = end;
            } else {
                int close = selector.indexOf(']', i);
                int index = Integer.parseInt(selector.substring(i + 1, close));
                node = node.isArray() ? node.get(index) : null;
                i = close + 1;
            }
        }
        return node;
    }

    private String selector() {
        skipSpace();
        int start = at;
        if (at >= text.length() || text.charAt(at) != '$') {
            throw error("a JSON condition starts with a selector such as $.level");
        }
        at++;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.') {
                at++;
                int nameStart = at;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "_-@".indexOf(text.charAt(at)) >= 0)) {
                    at++;
                }
                if (at == nameStart) {
                    throw error("a '.' in a selector must be followed by a field name");
                }
            } else if (c == '[') {
                int close = text.indexOf(']', at);
                if (close < 0 || !text.substring(at + 1, close).matches("\\d+")) {
                    throw error("an array index in a selector is [<number>]");
                }
                at = close + 1;
            } else {
                break;
            }
        }
        if (at == start + 1) {
            throw error("the selector $ must name a field, as in $.level");
        }
        return text.substring(start, at);
    }

    private String operator() {
        skipSpace();
        for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(op, at)) {
                at += op.length();
                return op;
            }
        }
        throw error("expected an operator (=, !=, <, >, <=, >=), IS or NOT EXISTS after the selector");
    }

    private String quoted() {
        int close = text.indexOf('"', at + 1);
        if (close < 0) {
            throw error("a quoted value has no closing quote");
        }
        String value = text.substring(at + 1, close);
        at = close + 1;
        return value;
    }

    private String bareValue() {
        int start = at;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && ")}".indexOf(text.charAt(at)) < 0
                && !text.startsWith("&&", at) && !text.startsWith("||", at)) {
            at++;
        }
        if (at == start) {
            throw error("expected a value after the operator");
        }
        return text.substring(start, at);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        skipSpace();
        int end = at + word.length();
        if (text.regionMatches(true, at, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean acceptWordOrFail(String word) {
        if (!acceptWord(word)) {
            throw error("IS must be followed by TRUE, FALSE or NULL");
        }
        return true;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private RuntimeException error(String what) {
        return LogsErrors.invalidParameter("Invalid filter pattern " + text + " at position " + at + ": " + what + ".");
    }
}
