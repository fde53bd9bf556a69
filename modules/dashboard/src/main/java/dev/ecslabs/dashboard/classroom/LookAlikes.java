package dev.ecslabs.dashboard.classroom;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Characters that make two different names look the same on the instructor's screen, after the
 * ideas of Unicode's security mechanisms (UTS #39, https://www.unicode.org/reports/tr39/):
 * invisible characters, a name mixing alphabets (a Cyrillic "о" among Latin letters), and letters
 * of another alphabet that read as Latin ones, folded together for the key that makes names unique.
 */
final class LookAlikes {
    /** Scripts that one name may mix: Japanese writes Han with kana, Korean Han with Hangul, Chinese Han with Bopomofo. */
    private static final List<Set<UnicodeScript>> WRITING_SYSTEMS = List.of(
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL),
            EnumSet.of(UnicodeScript.HAN, UnicodeScript.BOPOMOFO));

    /** Cyrillic and Greek letters (lower case) that read as a Latin letter on a projector. */
    private static final Map<Integer, Character> AS_LATIN = Map.ofEntries(
            Map.entry((int) 'а', 'a'), Map.entry((int) 'в', 'b'), Map.entry((int) 'с', 'c'), Map.entry((int) 'ԁ', 'd'),
            Map.entry((int) 'е', 'e'), Map.entry((int) 'һ', 'h'), Map.entry((int) 'н', 'h'), Map.entry((int) 'і', 'i'),
            Map.entry((int) 'ј', 'j'), Map.entry((int) 'к', 'k'), Map.entry((int) 'ӏ', 'l'), Map.entry((int) 'м', 'm'),
            Map.entry((int) 'о', 'o'), Map.entry((int) 'р', 'p'), Map.entry((int) 'ԛ', 'q'), Map.entry((int) 'ѕ', 's'),
            Map.entry((int) 'т', 't'), Map.entry((int) 'ԝ', 'w'), Map.entry((int) 'х', 'x'), Map.entry((int) 'у', 'y'),
            Map.entry((int) 'α', 'a'), Map.entry((int) 'β', 'b'), Map.entry((int) 'ε', 'e'), Map.entry((int) 'η', 'n'),
            Map.entry((int) 'ι', 'i'), Map.entry((int) 'κ', 'k'), Map.entry((int) 'μ', 'u'), Map.entry((int) 'ν', 'v'),
            Map.entry((int) 'ο', 'o'), Map.entry((int) 'ρ', 'p'), Map.entry((int) 'τ', 't'), Map.entry((int) 'υ', 'u'),
            Map.entry((int) 'χ', 'x'), Map.entry((int) 'ζ', 'z'));

    private LookAlikes() {
    }

    /** The first character that shows nothing (a zero-width space, a combining grapheme joiner U+034F, …), if any. */
    static Optional<Integer> invisible(String name) {
        return name.codePoints().filter(LookAlikes::isInvisible).boxed().findFirst();
    }

    private static boolean isInvisible(int c) {
        // Unicode's Default_Ignorable_Code_Point, which Java's patterns do not name: format characters and these
        return Character.getType(c) == Character.FORMAT
                || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F) || c == 0x3164 || c == 0xFFA0 || c == 0x2800
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    }

    /** The scripts a name mixes, in words, when they are more than one writing system uses together. */
    static Optional<String> mixedScripts(String name) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        name.codePoints().filter(Character::isLetter).mapToObj(UnicodeScript::of)
                .filter(script -> script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED)
                .forEach(scripts::add);
        if (scripts.size() <= 1 || WRITING_SYSTEMS.stream().anyMatch(system -> system.containsAll(scripts))) {
            return Optional.empty();
        }
        Set<String> words = scripts.stream().map(script -> title(script.name())).collect(Collectors.toCollection(TreeSet::new));
        return Optional.of(String.join(" and ", words));
    }

    /** The name with each look-alike letter replaced by the Latin letter it reads as. */
    static String skeleton(String lowerCase) {
        StringBuilder skeleton = new StringBuilder(lowerCase.length());
        lowerCase.codePoints().forEach(c -> {
            Character latin = AS_LATIN.get(c);
            if (latin != null) {
                skeleton.append(latin.charValue());
            } else {
                skeleton.appendCodePoint(c);
            }
        });
        return skeleton.toString();
    }

    private static String title(String script) {
        return script.charAt(0) + script.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
