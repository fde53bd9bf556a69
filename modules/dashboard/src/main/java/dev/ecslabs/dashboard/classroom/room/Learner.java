package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.ResultEvent;
import dev.ecslabs.labkit.ExerciseResult;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One learner as the classroom knows them, immutable: a change makes a new one, so the grid page
 * reads learners without waiting for anyone.
 *
 * @param secretHash   the SHA-256 of the secret the learner's tool sends with each result
 * @param account      their own 12-digit account on the room's shared emulator
 * @param through      the last event number taken from them: events up to it are never taken again
 * @param received     how many events were taken (each exactly once)
 * @param lastSeen     when the classroom last heard from them
 * @param lastProgress when they last passed an exercise they had not passed before (their clock, never later than ours)
 * @param results      each exercise's last result
 */
record Learner(LearnerName name, String secretHash, String account, Instant joined, long through, long received,
               Instant lastSeen, Instant lastProgress, Map<String, Mark> results) {

    Learner {
        results = Collections.unmodifiableMap(new TreeMap<>(results));
    }

    static Learner joined(LearnerName name, String secretHash, String account, Instant now) {
        return new Learner(name, secretHash, account, now, 0, 0, now, null, Map.of());
    }

    /** What taking a batch of events did. */
    record Taken(Learner learner, int applied, int duplicates, int ignored) {
    }

    /**
     * Takes the events not taken before (a number above {@link #through}), in order; results for
     * exercises this course does not have are counted as taken but not shown. A time in the
     * future (a learner's clock running ahead) counts as now.
     */
    Taken take(List<ResultEvent> events, Set<String> exercises, Instant now) {
        Map<String, Mark> marks = new TreeMap<>(results);
        long last = through;
        long count = received;
        Instant progress = lastProgress;
        int applied = 0;
        int duplicates = 0;
        int ignored = 0;
        for (ResultEvent event : events) {
            if (event.seq() <= last) {
                duplicates++;
                continue;
            }
            last = event.seq();
            count++;
            if (!exercises.contains(event.exercise())) {
                ignored++;
                continue;
            }
            Instant at = event.at().isAfter(now) ? now : event.at();
            Mark before = marks.put(event.exercise(), new Mark(event.status(), at));
            if (event.status() == ExerciseResult.Status.PASSED && (before == null || !before.passed())
                    && (progress == null || at.isAfter(progress))) {
                progress = at;
            }
            applied++;
        }
        Instant seen = applied + ignored > 0 ? now : lastSeen;
        return new Taken(new Learner(name, secretHash, account, joined, last, count, seen, progress, marks),
                applied, duplicates, ignored);
    }

    long passed() {
        return results.values().stream().filter(Mark::passed).count();
    }
}
