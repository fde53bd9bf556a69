package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.html.Pages;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instructor's page, made to fit a room of fifty on one projector screen (1600×1200): the join
 * code and the command learners type on one line, the grid of learners by exercises on the left,
 * and on the right who is stuck now (by name), who is not connected, where the room is, and the
 * joins that were refused. The live part refreshes itself on the classroom's events; rows and
 * cells carry {@code data-} attributes that the tests and a curious instructor can read.
 */
final class GridPage {
    /** How the rows are ordered: by name, or longest without progress first. */
    enum Order {
        NAME, WAITING;

        static Order of(String parameter) {
            return "waiting".equals(parameter) ? WAITING : NAME;
        }
    }

    /**
     * What the page shows (template {@code classroom/room/grid.jte}).
     *
     * @param emulator the shared emulator's URL, or null when learners run their own
     * @param said what the last row action said, or null
     */
    record View(String code, URI joinUrl, URI emulator, Order order, String said, Board board) {
        String joinCommand() {
            return "./lab start --join " + joinUrl + " --name \"Your Name\" --code " + code;
        }

        String note() {
            return "join code " + code + " · learners' tools send exercise results only: no code, no messages, no credentials";
        }

        String sort() {
            return order == Order.WAITING ? "waiting" : "name";
        }
    }

    /**
     * The live part (templates {@code classroom/room/board.jte} and {@code table.jte}).
     *
     * @param rows the learners in the order of the grid's rows
     * @param learners the learners by name
     */
    record Board(CourseOutline course, List<Learner> rows, List<Learner> learners, StuckReport report, Set<String> stuckKeys,
                 JoinRefusals.Counts refused, Instant now) {
        boolean stuck(Learner learner) {
            return stuckKeys.contains(learner.name().key());
        }

        long connected() {
            return learners.stream().filter(l -> GridRows.connected(l, now)).count();
        }

        /** The learners whose tool was not heard from lately, longest silent first. */
        List<Learner> notConnected() {
            return learners.stream().filter(l -> !GridRows.connected(l, now)).sorted(Comparator.comparing(Learner::lastSeen)).toList();
        }
    }

    private final CourseOutline course;

    GridPage(CourseOutline course) {
        this.course = course;
    }

    String page(String code, URI joinUrl, Optional<URI> emulator, List<Learner> learners, JoinRefusals.Counts refused,
                Instant now, Order order, String said) {
        return Pages.render("classroom/room/grid.jte",
                new View(code, joinUrl, emulator.orElse(null), order, said, board(learners, refused, now, order)));
    }

    /** The live part: the grid, and beside it who is stuck, who is not connected, and where the room is. */
    String fragment(List<Learner> learners, JoinRefusals.Counts refused, Instant now, Order order) {
        return Pages.render("classroom/room/board.jte", board(learners, refused, now, order));
    }

    private Board board(List<Learner> learners, JoinRefusals.Counts refused, Instant now, Order order) {
        StuckReport report = StuckReport.of(course, now, learners);
        Set<String> stuck = report.stuck().stream().map(s -> s.learner().name().key()).collect(Collectors.toSet());
        return new Board(course, sorted(learners, now, order), learners, report, stuck, refused, now);
    }

    private static List<Learner> sorted(List<Learner> learners, Instant now, Order order) {
        if (order == Order.NAME) {
            return learners;
        }
        return learners.stream().sorted(Comparator.comparing((Learner l) -> GridRows.sinceProgress(l, now)).reversed()
                .thenComparing(l -> l.name().key())).toList();
    }
}
