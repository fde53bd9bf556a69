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
 * reads learners without waiting for anyone. Every time here is the classroom's own, when it
 * received something: a learner's laptop clock may be hours wrong.
 *
 * @param secretHash   the SHA-256 of the secret the learner's tool sends with each result
 * @param account      their own 12-digit account on the room's shared emulator
 * @param through      the last event number taken from them: events up to it are never taken again
 * @param received     how many events were taken (each exactly once)
 * @param lastSeen     when the classroom last heard from them (a result, or the tool saying it is still there)
 * @param lastProgress when they last passed an exercise they had not passed before
 * @param results      each exercise's last result
 * @param merged       the secrets of rows the instructor merged into this one, each with its own last event number
 */
record Learner(LearnerName name, String secretHash, String account, Instant joined, long through, long received,
               Instant lastSeen, Instant lastProgress, Map<String, Mark> results, Map<String, Long> merged) {

    Learner {
        results = Collections.unmodifiableMap(new TreeMap<>(results));
        merged = Collections.unmodifiableMap(new TreeMap<>(merged));
    }

    static Learner joined(LearnerName name, String secretHash, String account, Instant now) {
        return new Learner(name, secretHash, account, now, 0, 0, now, null, Map.of(), Map.of());
    }

    /** What taking a batch of events did; {@code through} is that of the secret that sent them. */
    record Taken(Learner learner, long through, int applied, int duplicates, int ignored) {
    }

    /** The last event number taken from the tool holding this secret's hash. */
    long through(String hash) {
        return hash.equals(secretHash) ? through : merged.getOrDefault(hash, 0L);
    }

    /**
     * Takes the events not taken before from the tool with this secret (a number above its
     * {@link #through(String)}), in order; results for exercises this course does not have are
     * counted as taken but not shown. A reset takes the exercise's result away.
     */
    Taken take(String hash, List<ResultEvent> events, Set<String> exercises, Instant now) {
        Map<String, Mark> marks = new TreeMap<>(results);
        long last = through(hash);
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
            if (event.status() == ResultEvent.Outcome.RESET) {
                marks.remove(event.exercise());
            } else {
                ExerciseResult.Status status = ExerciseResult.Status.valueOf(event.status().name());
                Mark before = marks.get(event.exercise());
                marks.put(event.exercise(), before == null ? Mark.first(status, now) : before.then(status, now));
                if (status == ExerciseResult.Status.PASSED && (before == null || !before.passed())) {
                    progress = now;
                }
            }
            applied++;
        }
        Learner next = hash.equals(secretHash)
                ? new Learner(name, secretHash, account, joined, last, count, now, progress, marks, merged)
                : new Learner(name, secretHash, account, joined, through, count, now, progress, marks, with(merged, hash, last));
        return new Taken(next, last, applied, duplicates, ignored);
    }

    /** The same learner, heard from now. */
    Learner seen(Instant now) {
        return new Learner(name, secretHash, account, joined, through, received, now, lastProgress, results, merged);
    }

    Learner renamed(LearnerName newName) {
        return new Learner(newName, secretHash, account, joined, through, received, lastSeen, lastProgress, results, merged);
    }

    /**
     * This learner with another row's results merged in (per exercise, the later one) and that row's
     * tool writing here from now on, its event numbers kept apart from this one's.
     */
    Learner absorb(Learner other) {
        Map<String, Mark> marks = new TreeMap<>(results);
        other.results.forEach((exercise, mark) -> marks.merge(exercise, mark, (mine, theirs) -> theirs.at().isAfter(mine.at())
                ? theirs : mine));
        Map<String, Long> secrets = with(merged, other.secretHash, other.through);
        secrets.putAll(other.merged);
        return new Learner(name, secretHash, account, joined.isBefore(other.joined) ? joined : other.joined, through,
                received + other.received, later(lastSeen, other.lastSeen), later(lastProgress, other.lastProgress), marks, secrets);
    }

    /** Every secret hash that writes to this row. */
    Set<String> secretHashes() {
        Set<String> all = new java.util.TreeSet<>(merged.keySet());
        all.add(secretHash);
        return all;
    }

    long passed() {
        return results.values().stream().filter(Mark::passed).count();
    }

    private static Map<String, Long> with(Map<String, Long> map, String key, long value) {
        Map<String, Long> copy = new TreeMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
