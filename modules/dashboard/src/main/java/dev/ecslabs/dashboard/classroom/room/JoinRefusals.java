package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.LearnerName;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The joins the classroom turned down, counted for the instructor's page: a learner told "wrong
 * code" or "name taken" in their terminal is someone the instructor should go and see. The last few
 * names refused as taken are kept, since the instructor can then find who has the name.
 */
final class JoinRefusals {
    private static final int NAMES_KEPT = 5;

    /** What the page shows. */
    record Counts(int wrongCode, int nameTaken, int tooMany, int badRequest, List<Taken> lastTaken) {
        int total() {
            return wrongCode + nameTaken + tooMany + badRequest;
        }
    }

    /** A name that someone asked for when it was taken, and when. */
    record Taken(LearnerName name, Instant at) {
    }

    private final Clock clock;
    private int wrongCode;
    private int nameTaken;
    private int tooMany;
    private int badRequest;
    private final Deque<Taken> lastTaken = new ArrayDeque<>();

    JoinRefusals(Clock clock) {
        this.clock = clock;
    }

    /** Counts a refused join by the status it was answered with. */
    synchronized void count(int status) {
        switch (status) {
            case 403 -> wrongCode++;
            case 409 -> nameTaken++;
            case 429 -> tooMany++;
            default -> badRequest++;
        }
    }

    synchronized void nameTaken(LearnerName name) {
        lastTaken.addFirst(new Taken(name, clock.instant()));
        while (lastTaken.size() > NAMES_KEPT) {
            lastTaken.removeLast();
        }
    }

    synchronized Counts counts() {
        return new Counts(wrongCode, nameTaken, tooMany, badRequest, List.copyOf(lastTaken));
    }
}
