package dev.ecslabs.dashboard.cli;

import dev.ecslabs.dashboard.course.Course;
import dev.ecslabs.dashboard.course.ExerciseInfo;
import dev.ecslabs.dashboard.course.HintText;
import dev.ecslabs.dashboard.course.LabExercises;
import dev.ecslabs.dashboard.course.LabFolder;
import dev.ecslabs.dashboard.run.Workbench;
import dev.ecslabs.labkit.ExerciseId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lab hint NN.M}: the exercise's graduated hints, one more level each time it is asked
 * (the idea, then which API and fields, then the shape of the call), from its {@code @Exercise}
 * annotation; which levels were shown is kept per learner in {@code .labs/hints.json}.
 */
@Command(name = "hint", description = "Show the next hint of an exercise, for example ./lab hint 00.2: "
        + "the idea first, then which API, then the shape of the call.")
public final class HintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NN.M", description = "The exercise: lab and number, as in 00.2.")
    String exercise;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExerciseId id = ExerciseId.parse(exercise.matches("\\d\\..*") ? "0" + exercise : exercise);
        Course course = Course.current();
        LabFolder lab = course.requireLab(id.lab());
        LabExercises exercises = new Workbench(course).exercises(lab);
        ExerciseInfo info = exercises.exercise(id).orElseThrow(() -> new IllegalArgumentException(
                exercises.exercises().isEmpty()
                        ? "The exercises of lab " + lab.id() + " can't be read: " + exercises.problem().orElse("")
                        : "Lab " + lab.id() + " has no exercise " + id + ". Its exercises are "
                                + String.join(", ", exercises.exercises().stream().map(e -> e.id().toString()).toList()) + "."));
        int shown = course.hintsShown().reveal(info);
        PrintWriter out = spec.commandLine().getOut();
        out.println(info.id() + " " + info.title());
        HintText.upTo(info, shown, "./lab hint " + info.id()).forEach(out::println);
        return 0;
    }
}
