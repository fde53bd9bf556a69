package dev.ecslabs.dashboard.classroom.room;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the room is: for each lab, the learners working on it (their first lab not finished) and
 * the exercise most of them have not passed yet, busiest lab first; and, by name, who is stuck now:
 * failing one exercise again and again, or failing with no progress for a while, longest waiting
 * first. A learner with no result yet has not started; one who passed everything has finished.
 */
record StuckReport(List<Spot> spots, List<Stuck> stuck, int notStarted, int finished) {
    /** Failing the same exercise this many times in a row is stuck, however recent. */
    static final int REPEATED_FAILURES = 3;
    /** Failing with no new exercise passed for this long is stuck too. */
    static final Duration NO_PROGRESS_FOR = Duration.ofMinutes(10);

    /** A lab some learners are working on: how many, the exercise most of them are at, and who fails there. */
    record Spot(CourseOutline.Lab lab, int learners, CourseOutline.Exercise exercise, int atExercise, int failingThere,
                List<String> failingNames) {
    }

    /** A learner stuck now: where, how many failures in a row, and how long since they last passed something new. */
    record Stuck(Learner learner, String exercise, int failures, Duration sinceProgress) {
    }

    static StuckReport of(CourseOutline course, Instant now, List<Learner> learners) {
        Map<String, List<CourseOutline.Exercise>> atExercise = new LinkedHashMap<>();
        Map<String, List<String>> failing = new LinkedHashMap<>();
        Map<String, CourseOutline.Lab> labOf = new LinkedHashMap<>();
        List<Stuck> stuck = new ArrayList<>();
        int notStarted = 0;
        int finished = 0;
        for (Learner learner : learners) {
            if (learner.results().isEmpty()) {
                notStarted++;
                continue;
            }
            Optional<Position> at = position(course, learner);
            if (at.isEmpty()) {
                finished++;
                continue;
            }
            atExercise.computeIfAbsent(at.get().lab().id(), k -> new ArrayList<>()).add(at.get().exercise());
            labOf.put(at.get().lab().id(), at.get().lab());
            if (at.get().failing()) {
                failing.computeIfAbsent(at.get().exercise().id(), k -> new ArrayList<>()).add(learner.name().shown());
            }
            stuck(learner, now).ifPresent(stuck::add);
        }
        List<Spot> spots = new ArrayList<>();
        atExercise.forEach((labId, exercises) -> {
            Map<CourseOutline.Exercise, Long> counts = exercises.stream()
                    .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
            Map.Entry<CourseOutline.Exercise, Long> most = counts.entrySet().stream()
                    .max(Map.Entry.<CourseOutline.Exercise, Long>comparingByValue()
                            .thenComparing(e -> e.getKey().id(), Comparator.reverseOrder()))
                    .orElseThrow();
            List<String> names = failing.getOrDefault(most.getKey().id(), List.of());
            spots.add(new Spot(labOf.get(labId), exercises.size(), most.getKey(), most.getValue().intValue(), names.size(),
                    List.copyOf(names)));
        });
        spots.sort(Comparator.comparingInt(Spot::learners).reversed().thenComparing(spot -> spot.lab().id()));
        stuck.sort(Comparator.comparing(Stuck::sinceProgress).reversed().thenComparing(Comparator.comparingInt(Stuck::failures)
                .reversed()).thenComparing(s -> s.learner().name().key()));
        return new StuckReport(spots, List.copyOf(stuck), notStarted, finished);
    }

    /** Whether a learner is stuck now, at the exercise they failed most times in a row. */
    static Optional<Stuck> stuck(Learner learner, Instant now) {
        Optional<Map.Entry<String, Mark>> worst = learner.results().entrySet().stream()
                .filter(entry -> !entry.getValue().passed())
                .max(Comparator.comparingInt((Map.Entry<String, Mark> entry) -> entry.getValue().failures())
                        .thenComparing(entry -> entry.getValue().at()));
        if (worst.isEmpty()) {
            return Optional.empty();
        }
        Instant since = learner.lastProgress() != null ? learner.lastProgress() : learner.joined();
        Duration waiting = since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
        int failures = worst.get().getValue().failures();
        if (failures >= REPEATED_FAILURES || waiting.compareTo(NO_PROGRESS_FOR) >= 0) {
            return Optional.of(new Stuck(learner, worst.get().getKey(), failures, waiting));
        }
        return Optional.empty();
    }

    private record Position(CourseOutline.Lab lab, CourseOutline.Exercise exercise, boolean failing) {
    }

    /** The first exercise, in course order, the learner has not passed. */
    private static Optional<Position> position(CourseOutline course, Learner learner) {
        for (CourseOutline.Lab lab : course.labs()) {
            for (CourseOutline.Exercise exercise : lab.exercises()) {
                Mark mark = learner.results().get(exercise.id());
                if (mark == null || !mark.passed()) {
                    return Optional.of(new Position(lab, exercise, mark != null));
                }
            }
        }
        return Optional.empty();
    }
}
