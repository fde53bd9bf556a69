package dev.ecslabs.dashboard.classroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.LearnerSecret;
import dev.ecslabs.dashboard.classroom.ManualClock;
import dev.ecslabs.dashboard.classroom.Rooms;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who is stuck now and who is connected, on the classroom's own clock (moved by the test): stuck
 * learners are named, longest waiting first; a learner's wrong laptop clock changes nothing; a tool
 * not heard from shows as not connected.
 */
class StuckNowTest {
    private static final String CODE = "STUCK1";
    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
    /** A laptop whose clock is two hours behind. */
    private static final Instant WRONG_LAPTOP_CLOCK = START.minus(Duration.ofHours(2));

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(START);
    Classroom classroom;
    Api api;
    final String ana = LearnerSecret.create();
    final String ben = LearnerSecret.create();
    final String cleo = LearnerSecret.create();

    @BeforeEach
    void open() {
        classroom = Rooms.open(dir, CODE, Rooms.outline(4, 8), clock);
        api = new Api(classroom.url());
        api.join("Ben", CODE, ben);
        api.events(CODE, ben, Api.event(1, "00.1", "FAILED", WRONG_LAPTOP_CLOCK));
        clock.advance(Duration.ofMinutes(1));
        api.join("Ana", CODE, ana);
        api.events(CODE, ana, Api.event(1, "00.1", "PASSED", WRONG_LAPTOP_CLOCK), Api.event(2, "00.2", "FAILED", WRONG_LAPTOP_CLOCK),
                Api.event(3, "00.2", "FAILED", WRONG_LAPTOP_CLOCK), Api.event(4, "00.2", "FAILED", WRONG_LAPTOP_CLOCK));
        api.join("Cleo", CODE, cleo);
    }

    @AfterEach
    void close() {
        classroom.close();
    }

    @Test
    @DisplayName("Failing one exercise three times in a row is stuck at once; the time since progress is the classroom's, not the laptop's")
    void repeatedFailuresAreStuckAtOnce() {
        String fragment = api.fragment();

        assertThat(names(api.section("stuck"))).containsExactly("Ana");
        assertThat(api.section("stuck")).contains("<b>Ana</b> 00.2 <span class=\"failures\">✘×3</span> · progress just now");
        assertThat(row(fragment, "Ana")).contains("data-stuck=\"true\"", "class=\"stuck\"", "title=\"00.2 failed 3 times in a row\">3<")
                .containsPattern("<td class=\"when\" title=\"last passed a new exercise at [0-9:]+\">now</td>");
        assertThat(row(fragment, "Ben")).contains("data-stuck=\"false\"");
    }

    @Test
    @DisplayName("Failing with no progress for ten minutes is stuck too; stuck learners are named, longest waiting first, in the lab's line too")
    void noProgressForTenMinutesIsStuck() {
        clock.advance(Duration.ofMinutes(10));
        api.events(CODE, cleo, Api.event(1, "00.1", "PASSED"));

        String stuck = api.section("stuck");

        assertThat(names(stuck)).containsExactly("Ben", "Ana");
        assertThat(stuck).contains("<b>Ben</b> 00.1 <span class=\"failures\">✘×1</span> · no progress for 11m",
                "<b>Ana</b> 00.2 <span class=\"failures\">✘×3</span> · no progress for 10m");
        assertThat(api.section("spots")).contains("2 at 00.2 (1 failing: Ana)");
        assertThat(rowOrder(api.get("/fragments/grid?sort=waiting").body())).containsExactly("Ben", "Ana", "Cleo");
        assertThat(rowOrder(api.fragment())).containsExactly("Ana", "Ben", "Cleo");
    }

    @Test
    @DisplayName("A learner whose tool has not been heard from for three heartbeats shows as not connected, by name; a heartbeat keeps one connected")
    void connectionState() {
        assertThat(row(api.fragment(), "Ben")).contains("data-connected=\"true\"");

        clock.advance(Duration.ofMinutes(2));
        assertThat(api.events(CODE, ana).statusCode()).isEqualTo(200);

        String fragment = api.fragment();
        assertThat(row(fragment, "Ana")).contains("data-connected=\"true\"", "●");
        assertThat(row(fragment, "Ben")).contains("data-connected=\"false\"", "○", "not connected: last heard from");
        assertThat(api.section("not-connected")).contains("data-learner=\"Ben\"", "data-learner=\"Cleo\"")
                .doesNotContain("data-learner=\"Ana\"");
        assertThat(api.section("stuck")).contains("3 learners · 1 connected");
    }

    private static List<String> names(String html) {
        return all(Pattern.compile("<li data-learner=\"([^\"]+)\""), html);
    }

    private static List<String> rowOrder(String html) {
        return all(Pattern.compile("<tr data-learner=\"([^\"]+)\""), html);
    }

    private static String row(String html, String learner) {
        Matcher matcher = Pattern.compile("<tr data-learner=\"" + Pattern.quote(learner) + "\".*?</tr>").matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("No row for " + learner + " in " + html);
        }
        return matcher.group();
    }

    private static List<String> all(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
