package dev.ecslabs.dashboard.classroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.Grid;
import dev.ecslabs.dashboard.classroom.LearnerSecret;
import dev.ecslabs.dashboard.classroom.Limits;
import dev.ecslabs.dashboard.classroom.Rooms;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes and abuse at the door: look-alike names, wrong codes, a flood of joins, and the instructor seeing the refusals. */
class JoinAbuseTest {
    private static final String CODE = "K7QX2M";

    @TempDir
    Path dir;

    Classroom classroom;
    Api api;

    @BeforeEach
    void open() {
        classroom = Rooms.open(dir, 0, CODE, Rooms.outline(4, 8));
        api = new Api(classroom.url());
    }

    @AfterEach
    void close() {
        classroom.close();
    }

    @Test
    @DisplayName("Names that read as 'Sec Bob' make one row: a Cyrillic 'о' or an invisible U+034F is refused with a sentence, "
            + "full-width or all-Cyrillic look-alikes are the name taken")
    void lookAlikeNamesMakeOneRow() {
        assertThat(api.join("Sec Bob", CODE, LearnerSecret.create()).statusCode()).isEqualTo(200);

        HttpResponse<String> cyrillicO = api.join("Sec B\u043Eb", CODE, LearnerSecret.create());
        HttpResponse<String> invisible = api.join("Sec Bo\u034Fb", CODE, LearnerSecret.create());
        HttpResponse<String> fullWidth = api.join("\uFF33\uFF45\uFF43 \uFF22\uFF4F\uFF42", CODE, LearnerSecret.create());
        HttpResponse<String> allCyrillic = api.join("\u0405\u0435\u0441 \u0412\u043E\u0432", CODE, LearnerSecret.create());

        assertThat(cyrillicO.statusCode()).isEqualTo(400);
        assertThat(cyrillicO.body()).contains("mixes letters of Cyrillic and Latin");
        assertThat(invisible.statusCode()).isEqualTo(400);
        assertThat(invisible.body()).contains("invisible character (U+034F)");
        assertThat(fullWidth.statusCode()).isEqualTo(409);
        assertThat(allCyrillic.statusCode()).isEqualTo(409);
        assertThat(allCyrillic.body()).contains("already joined as 'Sec Bob'");
        assertThat(Grid.read(classroom.url()).rows()).containsOnlyKeys("Sec Bob");
    }

    @Test
    @DisplayName("Wrong join codes slow down only wrong codes: a joined learner's results and a right code from the same address still get in")
    void wrongCodesBlockOnlyWrongCodes() {
        String ana = LearnerSecret.create();
        api.join("Ana", CODE, ana);
        for (int guess = 0; guess <= Limits.WRONG_CODE_BURST + 5; guess++) {
            api.join("Guesser", "GUESS" + guess, LearnerSecret.create());
        }
        assertThat(api.join("Guesser", "GUESSY", LearnerSecret.create()).statusCode()).isEqualTo(429);

        HttpResponse<String> results = api.events(CODE, ana, Api.event(1, "00.1", "PASSED"));
        HttpResponse<String> neighbour = api.join("Ben", CODE, LearnerSecret.create());

        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(neighbour.statusCode()).isEqualTo(200);
        assertThat(Grid.read(classroom.url()).row("Ana").state("00.1")).isEqualTo("PASSED");
    }

    @Test
    @DisplayName("New learners from one address are bounded (79 in a few seconds do not all get in); the tools already in join again freely")
    void newLearnersPerAddressAreBounded() {
        String first = LearnerSecret.create();
        List<Integer> statuses = new ArrayList<>();
        statuses.add(api.join("Learner 0", CODE, first).statusCode());
        for (int i = 1; i < 79; i++) {
            statuses.add(api.join("Learner " + i, CODE, LearnerSecret.create()).statusCode());
        }

        long joined = statuses.stream().filter(status -> status == 200).count();
        HttpResponse<String> refused = api.join("Learner 99", CODE, LearnerSecret.create());

        assertThat(joined).isBetween((long) Limits.NEW_LEARNER_BURST, Limits.NEW_LEARNER_BURST + 1L);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).containsPattern("Too many (new learners|joins) from your address");
        assertThat(Grid.read(classroom.url()).rows()).hasSize((int) joined);
        assertThat(api.section("refused").select("span[data-reason=too-many]").text()).isEqualTo((80 - joined) + " too many");
    }

    @Test
    @DisplayName("Refused joins are counted on the instructor's page, by reason, with the names asked for when taken")
    void refusedJoinsAreCounted() {
        api.join("Ana Lima", CODE, LearnerSecret.create());
        api.join("Ben", "WRONG1", LearnerSecret.create());
        api.join("Ben", "WRONG2", LearnerSecret.create());
        api.join("ana lima", CODE, LearnerSecret.create());
        api.join("<b>Cleo</b>", CODE, LearnerSecret.create());

        Element refused = api.section("refused");

        assertThat(refused.select("> h2").text()).isEqualTo("Refused joins: 4");
        assertThat(refused.select("> h2 > span#refused-total").text()).isEqualTo("4");
        assertThat(refused.select("span[data-reason=wrong-code]").text()).isEqualTo("2 wrong code");
        assertThat(refused.select("span[data-reason=name-taken]").text()).isEqualTo("1 name taken");
        assertThat(refused.select("span[data-reason=bad-request]").text()).isEqualTo("1 bad name or request");
        assertThat(refused.select("p.meta:contains(name already taken)")).singleElement().satisfies(taken -> {
            assertThat(taken.text()).matches("Asked for a name already taken: ana lima \\(\\d\\d:\\d\\d:\\d\\d\\)");
            assertThat(taken.select("> time[datetime]")).hasSize(1);
        });
        assertThat(refused.select("b")).as("a name is text, never markup").isEmpty();
    }
}
