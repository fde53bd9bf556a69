package dev.ecslabs.dashboard.run;

import dev.ecslabs.dashboard.course.LabFolder;

/** Hears a lab run as it goes: the CLI prints it, the dashboard streams it to the page. */
public interface RunListener {
    RunListener NONE = new RunListener() { };

    default void started(LabFolder lab) {
    }

    default void compileFailed(LabFolder lab, CompileResult result) {
    }

    default void exerciseFinished(ExerciseOutcome outcome) {
    }

    default void finished(LabRun run) {
    }
}
