package dev.ecslabs.dashboard.classroom.room;

import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.run.Workbench;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The grid's columns: the course's labs and their exercises, read once when the classroom opens. */
public record CourseOutline(List<Lab> labs) {

    /** One lab and its exercises, in order. */
    public record Lab(String id, String title, List<Exercise> exercises) {
    }

    /** One exercise: {@code 01.3} and its title. */
    public record Exercise(String id, String title) {
    }

    /** The course as the instructor's copy has it (a lab that never compiled shows no exercises). */
    public static CourseOutline of(Workbench workbench) {
        return new CourseOutline(workbench.course().labs().stream().map(lab -> lab(workbench, lab)).toList());
    }

    private static Lab lab(Workbench workbench, LabFolder lab) {
        List<ExerciseInfo> exercises = workbench.exercises(lab).exercises();
        return new Lab(lab.id(), lab.title(), exercises.stream()
                .map(e -> new Exercise(e.id().toString(), e.title())).toList());
    }

    public Set<String> exerciseIds() {
        return labs.stream().flatMap(lab -> lab.exercises().stream()).map(Exercise::id).collect(Collectors.toSet());
    }

    public int exerciseCount() {
        return labs.stream().mapToInt(lab -> lab.exercises().size()).sum();
    }
}
