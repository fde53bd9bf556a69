package dev.ecslabs.emulator.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Reads the regular expressions of the AWS models (ECMA-262 syntax, as Smithy's {@code pattern}
 * trait says) into the syntax tree that {@link ModelPattern} compiles to an automaton. It knows
 * what the models use: literals, classes with ranges, {@code \d \w \s \p{L}}, groups, alternation,
 * greedy and lazy quantifiers, {@code ^ $}, and lookaheads that can only be tried at the start of
 * the text. Anything else (backreferences, lookbehind, word boundaries, lookaheads in the middle)
 * is refused with an {@link IllegalArgumentException}, so that no pattern is ever matched by a
 * backtracking engine.
 */
final class ModelPatternParser {
    /** A part of a parsed pattern. */
    sealed interface Node permits Chars, Sequence, Alternation, Repeat, Start, End, Lookahead {
    }

    record Chars(IntPredicate set) implements Node {
    }

    record Sequence(List<Node> items) implements Node {
    }

    record Alternation(List<Node> branches) implements Node {
    }

    /** {@code max} is -1 for no upper bound. */
    record Repeat(Node node, int min, int max) implements Node {
    }

    record Start() implements Node {
    }

    record End() implements Node {
    }

    /** Only where it can be tried at position 0 alone: right after {@code ^}, or when its body starts with {@code ^}. */
    record Lookahead(Node body, boolean negative) implements Node {
    }

    /** Counted repetitions are unrolled; past this the automaton would be needlessly big. */
    static final int MAX_REPEAT = 4096;

    private static final IntPredicate DIGIT = c -> c >= '0' && c <= '9';
    private static final IntPredicate WORD = c -> c == '_' || DIGIT.test(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    private static final IntPredicate LINE_TERMINATOR = c -> c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
    /** ECMA-262's WhiteSpace and LineTerminator, which {@code \s} means there (Java's own {@code \s} is ASCII only). */
    private static final IntPredicate SPACE = c -> c == '\t' || c == 0x0B || c == '\f' || c == ' ' || c == 0xA0
            || c == 0xFEFF || LINE_TERMINATOR.test(c) || Character.getType(c) == Character.SPACE_SEPARATOR;
    private static final Map<String, int[]> CATEGORIES = Map.ofEntries(
            Map.entry("L", new int[] {Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER}),
            Map.entry("Lu", new int[] {Character.UPPERCASE_LETTER}),
            Map.entry("Ll", new int[] {Character.LOWERCASE_LETTER}),
            Map.entry("M", new int[] {Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK}),
            Map.entry("N", new int[] {Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER}),
            Map.entry("Nd", new int[] {Character.DECIMAL_DIGIT_NUMBER}),
            Map.entry("P", new int[] {Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION}),
            Map.entry("S", new int[] {Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL}),
            Map.entry("Z", new int[] {Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR}),
            Map.entry("Zs", new int[] {Character.SPACE_SEPARATOR}));

    private final String regex;
    private int at;

    private ModelPatternParser(String regex) {
        this.regex = regex;
    }

    static Node parse(String regex) {
        ModelPatternParser parser = new ModelPatternParser(regex);
        Node node = parser.alternation();
        if (parser.at < regex.length()) {
            throw parser.refuse("an unbalanced ')'");
        }
        return node;
    }

    private Node alternation() {
        List<Node> branches = new ArrayList<>();
        branches.add(sequence());
        while (more() && peek() == '|') {
            at++;
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : new Alternation(branches);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (more() && peek() != '|' && peek() != ')') {
            Node atom = atom();
            if (atom instanceof Lookahead look && !(previousIsStart(items) || startsWithStart(look.body()))) {
                throw refuse("a lookahead that is not at the start of the text");
            }
            items.add(quantified(atom));
        }
        return items.size() == 1 ? items.get(0) : new Sequence(items);
    }

    private static boolean previousIsStart(List<Node> items) {
        return !items.isEmpty() && items.get(items.size() - 1) instanceof Start;
    }

    private static boolean startsWithStart(Node node) {
        if (node instanceof Start) {
            return true;
        }
        if (node instanceof Sequence sequence) {
            return !sequence.items().isEmpty() && startsWithStart(sequence.items().get(0));
        }
        if (node instanceof Alternation alternation) {
            return alternation.branches().stream().allMatch(ModelPatternParser::startsWithStart);
        }
        return false;
    }

    private Node quantified(Node atom) {
        if (!more()) {
            return atom;
        }
        int min;
        int max;
        char c = peek();
        if (c == '*' || c == '+' || c == '?') {
            at++;
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : -1;
        } else if (c == '{' && countedAhead()) {
            at++;
            min = number();
            max = min;
            if (peek() == ',') {
                at++;
                max = peek() == '}' ? -1 : number();
            }
            at++; // '}'
            if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
                throw refuse("a repetition count out of order or above " + MAX_REPEAT);
            }
        } else {
            return atom;
        }
        if (atom instanceof Start || atom instanceof End || atom instanceof Lookahead) {
            throw refuse("a quantifier on an assertion");
        }
        if (more() && peek() == '?') {
            at++; // lazy: whether a match exists does not depend on it
        } else if (more() && peek() == '+') {
            throw refuse("a possessive quantifier, which ECMA-262 lacks");
        }
        return new Repeat(atom, min, max);
    }

    private boolean countedAhead() {
        int i = at + 1;
        int digits = 0;
        while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= regex.length()) {
            return false;
        }
        if (regex.charAt(i) == ',') {
            i++;
            while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
                i++;
            }
        }
        return i < regex.length() && regex.charAt(i) == '}';
    }

    private int number() {
        int start = at;
        while (more() && Character.isDigit(peek())) {
            at++;
        }
        String digits = regex.substring(start, at);
        return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private Node atom() {
        char c = peek();
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                return charClass();
            }
            case '.' -> {
                at++;
                return new Chars(LINE_TERMINATOR.negate());
            }
            case '^' -> {
                at++;
                return new Start();
            }
            case '$' -> {
                at++;
                return new End();
            }
            case '\\' -> {
                at++;
                return new Chars(escape(false));
            }
            case '*', '+', '?' -> throw refuse("a quantifier with nothing to repeat");
            default -> {
                int cp = regex.codePointAt(at);
                at += Character.charCount(cp);
                return new Chars(x -> x == cp);
            }
        }
    }

    private Node group() {
        at++; // '('
        Boolean negative = null;
        if (regex.startsWith("?:", at)) {
            at += 2;
        } else if (regex.startsWith("?=", at) || regex.startsWith("?!", at)) {
            negative = regex.charAt(at + 1) == '!';
            at += 2;
        } else if (regex.startsWith("?<", at) && !regex.startsWith("?<=", at) && !regex.startsWith("?<!", at)) {
            int close = regex.indexOf('>', at);
            if (close < 0) {
                throw refuse("an unterminated group name");
            }
            at = close + 1;
        } else if (more() && peek() == '?') {
            throw refuse("a group kind other than (?:, (?= and (?!");
        }
        Node body = alternation();
        if (!more() || peek() != ')') {
            throw refuse("an unclosed '('");
        }
        at++;
        return negative == null ? body : new Lookahead(body, negative);
    }

    private Node charClass() {
        at++; // '['
        boolean negated = more() && peek() == '^';
        if (negated) {
            at++;
        }
        List<IntPredicate> parts = new ArrayList<>();
        while (more() && peek() != ']') {
            IntPredicate set = null;
            int low;
            if (peek() == '\\') {
                at++;
                set = escape(true);
                low = lastSingle;
            } else {
                low = regex.codePointAt(at);
                at += Character.charCount(low);
            }
            if (low >= 0 && at + 1 < regex.length() && peek() == '-' && regex.charAt(at + 1) != ']') {
                at++;
                int high;
                if (peek() == '\\') {
                    at++;
                    escape(true);
                    high = lastSingle;
                    if (high < 0) {
                        throw refuse("a class range that ends in a set");
                    }
                } else {
                    high = regex.codePointAt(at);
                    at += Character.charCount(high);
                }
                if (high < low) {
                    throw refuse("a class range out of order");
                }
                int from = low;
                parts.add(x -> x >= from && x <= high);
            } else {
                int single = low;
                parts.add(set != null ? set : x -> x == single);
            }
        }
        if (!more()) {
            throw refuse("an unclosed '['");
        }
        at++; // ']'
        IntPredicate[] all = parts.toArray(IntPredicate[]::new);
        IntPredicate union = x -> {
            for (IntPredicate part : all) {
                if (part.test(x)) {
                    return true;
                }
            }
            return false;
        };
        return new Chars(negated ? union.negate() : union);
    }

    /** The code point the last escape stood for, or -1 when it stood for a set such as {@code \d}. */
    private int lastSingle = -1;

    private IntPredicate escape(boolean inClass) {
        if (!more()) {
            throw refuse("a trailing backslash");
        }
        char c = regex.charAt(at++);
        lastSingle = -1;
        switch (c) {
            case 'd' -> {
                return DIGIT;
            }
            case 'D' -> {
                return DIGIT.negate();
            }
            case 'w' -> {
                return WORD;
            }
            case 'W' -> {
                return WORD.negate();
            }
            case 's' -> {
                return SPACE;
            }
            case 'S' -> {
                return SPACE.negate();
            }
            case 'p', 'P' -> {
                IntPredicate category = category();
                return c == 'p' ? category : category.negate();
            }
            case 'b', 'B' -> {
                if (c == 'b' && inClass) {
                    return single('\b');
                }
                throw refuse("a word boundary");
            }
            case 't' -> {
                return single('\t');
            }
            case 'n' -> {
                return single('\n');
            }
            case 'r' -> {
                return single('\r');
            }
            case 'f' -> {
                return single('\f');
            }
            case 'v' -> {
                return single(0x0B);
            }
            case '0' -> {
                return single(0);
            }
            case 'x' -> {
                return single(hex(2));
            }
            case 'u' -> {
                int unit = hex(4);
                // A surrogate pair written as two escapes is one code point, as java.util.regex reads it (EC2 Auto
                // Scaling's XmlString: [\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*).
                if (Character.isHighSurrogate((char) unit) && regex.startsWith("\\u", at) && at + 6 <= regex.length()) {
                    int pairStart = at;
                    at += 2;
                    int low = hex(4);
                    if (Character.isLowSurrogate((char) low)) {
                        return single(Character.toCodePoint((char) unit, (char) low));
                    }
                    at = pairStart;
                }
                return single(unit);
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw refuse("the escape \\" + c);
                }
                return single(c);
            }
        }
    }

    private IntPredicate single(int cp) {
        lastSingle = cp;
        return x -> x == cp;
    }

    private int hex(int digits) {
        if (at + digits > regex.length()) {
            throw refuse("a short hexadecimal escape");
        }
        try {
            int value = Integer.parseInt(regex.substring(at, at + digits), 16);
            at += digits;
            return value;
        } catch (NumberFormatException e) {
            throw refuse("a hexadecimal escape that is not hexadecimal");
        }
    }

    private IntPredicate category() {
        String name;
        if (more() && peek() == '{') {
            int close = regex.indexOf('}', at);
            if (close < 0) {
                throw refuse("an unclosed \\p{");
            }
            name = regex.substring(at + 1, close);
            at = close + 1;
        } else if (more()) {
            name = String.valueOf(regex.charAt(at++));
        } else {
            throw refuse("\\p without a category");
        }
        if (name.equals("Print")) {
            // java.util.regex's POSIX class, ASCII only: [\p{Graph}\x20] = [\x20-\x7E] (Application Auto Scaling's ResourceLabel)
            return x -> x >= 0x20 && x <= 0x7E;
        }
        int[] types = CATEGORIES.get(name);
        if (types == null) {
            throw refuse("the Unicode category " + name);
        }
        return x -> {
            int type = Character.getType(x);
            for (int t : types) {
                if (t == type) {
                    return true;
                }
            }
            return false;
        };
    }

    private boolean more() {
        return at < regex.length();
    }

    private char peek() {
        return regex.charAt(at);
    }

    private IllegalArgumentException refuse(String what) {
        return new IllegalArgumentException("The model pattern " + regex + " has " + what + " at offset " + at
                + ", which the emulator's linear-time matcher does not support");
    }
}
