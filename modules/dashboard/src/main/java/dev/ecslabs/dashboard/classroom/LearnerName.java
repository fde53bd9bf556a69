package dev.ecslabs.dashboard.classroom;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A learner's name as the classroom shows it, and the key that makes names unique: "Ana  Lima" and
 * "ana lima" are one name, and so are names that only look alike ({@link LookAlikes}). Letters of
 * one script (plus digits, spaces and {@code . ' _ -}), in Unicode's compatibility form (NFKC), with
 * no invisible characters; at most {@link Limits#NAME_LENGTH} characters.
 */
public record LearnerName(String shown) {
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N} .'_-]+");
    private static final Pattern SOME_LETTER_OR_DIGIT = Pattern.compile(".*[\\p{L}\\p{N}].*");
    /** Accents stack: more than two on one letter is no name, it is a smear across the row above. */
    private static final Pattern MARKS_PILED_UP = Pattern.compile(".*\\p{M}{3,}.*");

    /** Reads a name as typed, or says what is wrong with it. */
    public static LearnerName of(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("A name is needed: --name \"Your Name\", as the instructor should see it.");
        }
        // NFKC: a full-width "Ａｎａ" or a ligature "ﬁ" is the plain name it looks like
        String name = Normalizer.normalize(typed, Normalizer.Form.NFKC).trim().replaceAll("\\s+", " ");
        LookAlikes.invisible(name).ifPresent(codePoint -> {
            throw new IllegalArgumentException("The name '" + name.replaceAll("\\p{Cf}|\\p{Mn}", "") + "' holds an invisible "
                    + "character (" + String.format("U+%04X", codePoint) + "): type it again with letters you can see.");
        });
        if (name.codePointCount(0, name.length()) > Limits.NAME_LENGTH) {
            throw new IllegalArgumentException("The name '" + name + "' is longer than " + Limits.NAME_LENGTH
                    + " characters: a shorter one fits the instructor's screen.");
        }
        if (!ALLOWED.matcher(name).matches() || !SOME_LETTER_OR_DIGIT.matcher(name).matches()
                || MARKS_PILED_UP.matcher(name).matches()) {
            throw new IllegalArgumentException("The name '" + name + "' may hold letters, digits, spaces and . ' _ - only.");
        }
        LookAlikes.mixedScripts(name).ifPresent(scripts -> {
            throw new IllegalArgumentException("The name '" + name + "' mixes letters of " + scripts + ", which can look "
                    + "alike (a Cyrillic 'о' and a Latin 'o'): type it with the letters of one alphabet.");
        });
        return new LearnerName(name);
    }

    /** Two names with the same key are the same learner's name, however they are cased or which look-alike letters they use. */
    public String key() {
        return LookAlikes.skeleton(shown.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return shown;
    }
}
