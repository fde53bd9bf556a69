package dev.ecslabs.dashboard.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Names that only look alike are one name, or are refused: the grid must never show two rows that read "Sec Bob". */
class LearnerNameTest {

    @Test
    @DisplayName("A Cyrillic 'о' among Latin letters is refused, saying which alphabets the name mixes")
    void mixedScriptsAreRefused() {
        assertThatThrownBy(() -> LearnerName.of("Sec B\u043Eb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes letters of Cyrillic and Latin")
                .hasMessageContaining("type it with the letters of one alphabet");
    }

    @Test
    @DisplayName("Invisible characters (U+034F, a zero-width space, a soft hyphen) are refused, naming the character")
    void invisibleCharactersAreRefused() {
        for (String invisible : new String[] {"\u034F", "\u200B", "\u00AD", "\u2060", "\uFE0F"}) {
            assertThatThrownBy(() -> LearnerName.of("Sec Bo" + invisible + "b")).as("U+%04X", (int) invisible.charAt(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invisible character")
                    .hasMessageContaining(String.format("U+%04X", (int) invisible.charAt(0)));
        }
    }

    @Test
    @DisplayName("Names are normalised (NFKC): full-width letters and a ligature are the plain name")
    void namesAreNormalised() {
        assertThat(LearnerName.of("\uFF33\uFF45\uFF43 \uFF22\uFF4F\uFF42").shown()).isEqualTo("Sec Bob");
        assertThat(LearnerName.of("\uFB01ona").shown()).isEqualTo("fiona");
    }

    @Test
    @DisplayName("A name all in look-alike letters of another alphabet has the same key as the Latin name it reads as")
    void lookAlikesShareAKey() {
        assertThat(LearnerName.of("\u0405\u0435\u0441 \u0412\u043E\u0432").key()).isEqualTo(LearnerName.of("Sec Bob").key());
        assertThat(LearnerName.of("SEC BOB").key()).isEqualTo(LearnerName.of("sec bob").key());
    }

    @Test
    @DisplayName("Real names of one writing system stay welcome: accents, Cyrillic, Greek, Japanese, Korean")
    void realNamesAreWelcome() {
        for (String name : new String[] {"Zoë O'Neil-Ngữ", "Анна Петрова", "Νίκος", "山田 はなこ", "김 민준", "José_2"}) {
            assertThat(LearnerName.of(name).shown()).isEqualTo(name);
        }
        assertThatThrownBy(() -> LearnerName.of("Zo\u0308\u0308\u0308\u0308e")).isInstanceOf(IllegalArgumentException.class);
    }
}
