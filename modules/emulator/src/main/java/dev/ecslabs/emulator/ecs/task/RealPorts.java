package dev.ecslabs.emulator.ecs.task;

import java.util.Optional;

/** Whether a real container of a task answers HTTP on a port; empty when none of its real containers has that port. */
@FunctionalInterface
interface RealPorts {
    RealPorts NONE = (run, port, path) -> Optional.empty();

    Optional<Boolean> answersHttp(TaskRun run, int port, String path);
}
