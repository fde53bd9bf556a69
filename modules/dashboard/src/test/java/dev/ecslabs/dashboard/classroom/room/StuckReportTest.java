package dev.ecslabs.dashboard.classroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecslabs.dashboard.classroom.LearnerName;
import dev.ecslabs.dashboard.classroom.Rooms;
import dev.ecslabs.labkit.ExerciseResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where the room is: each learner counts at their first exercise not passed, busiest lab first. */
class StuckReportTest {
    private static final CourseOutline COURSE = Rooms.outline(2, 3);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    @DisplayName("Learners count in the lab of their first exercise not passed, at that exercise; the busiest lab comes first")
    void busiestLabFirst() {
        StuckReport report = StuckReport.of(COURSE, NOW, List.of(
                learner("Ana", Map.of("00.1", "PASSED", "00.2", "PASSED", "01.1", "FAILED")),
                learner("Ben", Map.of("00.1", "PASSED", "00.2", "PASSED", "01.1", "PASSED")),
                learner("Cleo", Map.of("00.1", "PASSED", "00.2", "PASSED", "01.1", "FAILED")),
                learner("Dan", Map.of("00.1", "FAILED")),
                learner("Eve", Map.of()),
                learner("Fay", Map.of("00.1", "PASSED", "00.2", "PASSED", "01.1", "PASSED", "01.2", "PASSED", "01.3", "PASSED"))));

        assertThat(report.notStarted()).isEqualTo(1);
        assertThat(report.finished()).isEqualTo(1);
        assertThat(report.spots()).extracting(spot -> spot.lab().id(), StuckReport.Spot::learners,
                spot -> spot.exercise().id(), StuckReport.Spot::atExercise, StuckReport.Spot::failingThere)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("01", 3, "01.1", 2, 2),
                        org.assertj.core.groups.Tuple.tuple("00", 1, "00.1", 1, 1));
    }

    @Test
    @DisplayName("An exercise skipped ahead of counts where the learner is: the first one not passed, run or not")
    void aSkippedExerciseCounts() {
        StuckReport report = StuckReport.of(COURSE, NOW, List.of(learner("Ana", Map.of("00.1", "PASSED", "01.1", "PASSED"))));

        assertThat(report.spots()).singleElement().satisfies(spot -> {
            assertThat(spot.exercise().id()).isEqualTo("00.2");
            assertThat(spot.failingThere()).isZero();
        });
    }

    private static Learner learner(String name, Map<String, String> states) {
        Map<String, Mark> results = new TreeMap<>();
        states.forEach((exercise, state) -> results.put(exercise, Mark.first(ExerciseResult.Status.valueOf(state), NOW)));
        return new Learner(LearnerName.of(name), "hash", "123456789012", NOW, results.size(), results.size(), NOW, null, results, Map.of());
    }
}
