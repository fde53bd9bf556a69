package dev.ecslabs.dashboard.classroom.room;

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
 * the exercise most of them have not passed yet, busiest lab first. A learner with no result yet
 * has not started; one who passed everything has finished.
 */
record StuckReport(List<Spot> spots, int notStarted, int finished) {

    /** A lab some learners are working on: how many, and the exercise most of them are at. */
    record Spot(CourseOutline.Lab lab, int learners, CourseOutline.Exercise exercise, int atExercise, int failingThere) {
    }

    static StuckReport of(CourseOutline course, List<Learner> learners) {
        Map<String, List<CourseOutline.Exercise>> atExercise = new LinkedHashMap<>();
        Map<String, Integer> failing = new LinkedHashMap<>();
        Map<String, CourseOutline.Lab> labOf = new LinkedHashMap<>();
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
                failing.merge(at.get().exercise().id(), 1, Integer::sum);
            }
        }
        List<Spot> spots = new ArrayList<>();
        atExercise.forEach((labId, exercises) -> {
            Map<CourseOutline.Exercise, Long> counts = exercises.stream()
                    .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
            Map.Entry<CourseOutline.Exercise, Long> most = counts.entrySet().stream()
                    .max(Map.Entry.<CourseOutline.Exercise, Long>comparingByValue()
                            .thenComparing(e -> e.getKey().id(), Comparator.reverseOrder()))
                    .orElseThrow();
            spots.add(new Spot(labOf.get(labId), exercises.size(), most.getKey(), most.getValue().intValue(),
                    failing.getOrDefault(most.getKey().id(), 0)));
        });
        spots.sort(Comparator.comparingInt(Spot::learners).reversed().thenComparing(spot -> spot.lab().id()));
        return new StuckReport(spots, notStarted, finished);
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
