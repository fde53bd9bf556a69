package dev.ecslabs.dashboard.classroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.LearnerSecret;
import dev.ecslabs.dashboard.classroom.ManualClock;
import dev.ecslabs.dashboard.classroom.Rooms;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
        Document board = api.board();

        Element stuck = board.selectFirst("section#stuck");
        assertThat(names(stuck)).containsExactly("Ana");
        assertThat(stuckLine(stuck, "Ana")).isEqualTo("Ana 00.2 ✘×3 · progress just now");
        Element ana = row(board, "Ana");
        assertThat(ana.attr("data-stuck")).isEqualTo("true");
        assertThat(ana.hasClass("stuck")).isTrue();
        Element failed = ana.selectFirst("> td.cell.failed[data-exercise=\"00.2\"]");
        assertThat(failed.attr("data-state")).isEqualTo("FAILED");
        assertThat(failed.attr("data-failures")).isEqualTo("3");
        assertThat(failed.attr("title")).isEqualTo("00.2 failed 3 times in a row");
        assertThat(failed.text()).isEqualTo("3");
        assertThat(ana.select("> td.when").text()).isEqualTo("now");
        assertThat(ana.select("> td.when").attr("title")).matches("last passed a new exercise at \\d\\d:\\d\\d:\\d\\d");
        Element ben = row(board, "Ben");
        assertThat(ben.attr("data-stuck")).isEqualTo("false");
        assertThat(ben.hasClass("stuck")).isFalse();
    }

    @Test
    @DisplayName("Failing with no progress for ten minutes is stuck too; stuck learners are named, longest waiting first, in the lab's line too")
    void noProgressForTenMinutesIsStuck() {
        clock.advance(Duration.ofMinutes(10));
        api.events(CODE, cleo, Api.event(1, "00.1", "PASSED"));

        Element stuck = api.section("stuck");

        assertThat(names(stuck)).containsExactly("Ben", "Ana");
        assertThat(stuckLine(stuck, "Ben")).isEqualTo("Ben 00.1 ✘×1 · no progress for 11m");
        assertThat(stuckLine(stuck, "Ana")).isEqualTo("Ana 00.2 ✘×3 · no progress for 10m");
        assertThat(api.section("spots").select("ol.spots > li[data-lab=00]").text()).contains("2 at 00.2 (1 failing: Ana)");
        assertThat(rowOrder(Jsoup.parse(api.get("/fragments/grid?sort=waiting").body()))).containsExactly("Ben", "Ana", "Cleo");
        assertThat(rowOrder(api.board())).containsExactly("Ana", "Ben", "Cleo");
    }

    @Test
    @DisplayName("A learner whose tool has not been heard from for three heartbeats shows as not connected, by name; a heartbeat keeps one connected")
    void connectionState() {
        assertThat(row(api.board(), "Ben").attr("data-connected")).isEqualTo("true");

        clock.advance(Duration.ofMinutes(2));
        assertThat(api.events(CODE, ana).statusCode()).isEqualTo(200);

        Document board = api.board();
        Element anaRow = row(board, "Ana");
        assertThat(anaRow.attr("data-connected")).isEqualTo("true");
        assertThat(anaRow.select("> td.conn.on").text()).isEqualTo("●");
        Element benRow = row(board, "Ben");
        assertThat(benRow.attr("data-connected")).isEqualTo("false");
        assertThat(benRow.select("> td.conn.off").text()).isEqualTo("○");
        assertThat(benRow.select("> td.conn").attr("title")).startsWith("not connected: last heard from");
        assertThat(board.select("section#not-connected span[data-learner]").eachAttr("data-learner"))
                .containsExactlyInAnyOrder("Ben", "Cleo");
        assertThat(board.select("section#stuck > p.meta").text()).startsWith("3 learners · 1 connected");
    }

    /** The stuck learners' names, in the order shown. */
    private static List<String> names(Element stuck) {
        return stuck.select("ol#stuck-now > li[data-learner]").eachAttr("data-learner");
    }

    /** A stuck learner's line, as text. */
    private static String stuckLine(Element stuck, String learner) {
        Element line = stuck.selectFirst("ol#stuck-now > li[data-learner=\"" + learner + "\"]");
        assertThat(line).as("the stuck line of " + learner).isNotNull();
        assertThat(line.select("> b").text()).isEqualTo(learner);
        assertThat(line.select("> span.failures")).hasSize(1);
        return line.text();
    }

    private static List<String> rowOrder(Document board) {
        return board.select("table#grid > tbody > tr[data-learner]").eachAttr("data-learner");
    }

    private static Element row(Document board, String learner) {
        Element row = board.selectFirst("table#grid > tbody > tr[data-learner=\"" + learner + "\"]");
        if (row == null) {
            throw new AssertionError("No row for " + learner + " in " + board);
        }
        return row;
    }
}
