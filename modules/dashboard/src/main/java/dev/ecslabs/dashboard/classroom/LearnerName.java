package dev.ecslabs.dashboard.classroom;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A learner's name as the classroom shows it, and the key that makes names unique: "Ana  Lima" and
 * "ana lima" are one name. Letters of any language, digits, spaces and {@code . ' _ -}; at most
 * {@link Limits#NAME_LENGTH} characters.
 */
public record LearnerName(String shown) {
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N} .'_-]+");
    private static final Pattern SOME_LETTER_OR_DIGIT = Pattern.compile(".*[\\p{L}\\p{N}].*");

    /** Reads a name as typed, or says what is wrong with it. */
    public static LearnerName of(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("A name is needed: --name \"Your Name\", as the instructor should see it.");
        }
        String name = Normalizer.normalize(typed, Normalizer.Form.NFC).trim().replaceAll("\\s+", " ");
        if (name.codePointCount(0, name.length()) > Limits.NAME_LENGTH) {
            throw new IllegalArgumentException("The name '" + name + "' is longer than " + Limits.NAME_LENGTH
                    + " characters: a shorter one fits the instructor's screen.");
        }
        if (!ALLOWED.matcher(name).matches() || !SOME_LETTER_OR_DIGIT.matcher(name).matches()) {
            throw new IllegalArgumentException("The name '" + name + "' may hold letters, digits, spaces and . ' _ - only.");
        }
        return new LearnerName(name);
    }

    /** Two names with the same key are the same learner's name. */
    public String key() {
        return shown.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return shown;
    }
}
