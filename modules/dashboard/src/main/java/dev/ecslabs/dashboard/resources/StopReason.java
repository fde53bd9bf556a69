package dev.ecslabs.dashboard.resources;

import dev.ecslabs.dashboard.html.Pages;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Why a task stopped, shown as what it was: a stop somebody asked for (StopTask's
 * {@code UserInitiated}, the scheduler's {@code ServiceSchedulerInitiated} in a rollout or a
 * scale-in) is normal and shown plainly; a task that failed to start, or whose essential container
 * exited with a non-zero code, is an error and shown in red; Spot interruptions and termination
 * notices are warnings. Stop codes: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
 */
final class StopReason {
    /** How a stop reads: normal, a warning, or an error. */
    enum Kind { NORMAL, WARNING, ERROR }

    private StopReason() {
    }

    static Kind kindOf(Task task) {
        String code = task.stopCodeAsString();
        if (code == null) {
            return Kind.NORMAL;
        }
        return switch (code) {
            case "UserInitiated", "ServiceSchedulerInitiated" -> Kind.NORMAL;
            case "SpotInterruption", "TerminationNotice" -> Kind.WARNING;
            case "EssentialContainerExited" -> exitedCleanly(task) ? Kind.NORMAL : Kind.ERROR;
            default -> Kind.ERROR;
        };
    }

    /** Every essential container that exited did so with code 0: the task's work was done. */
    private static boolean exitedCleanly(Task task) {
        return task.containers().stream().filter(c -> c.exitCode() != null).allMatch(c -> c.exitCode() == 0)
                && task.containers().stream().anyMatch(c -> c.exitCode() != null);
    }

    /** The stop as a line: the code and the reason, classed by its kind; empty for a task that has not stopped. */
    static String render(Task task) {
        return Pages.render("resources/stopReason.jte", task);
    }

    /** The exit codes of the containers that exited, as " · exit code app 1, sidecar 0" (template {@code resources/stopReason.jte}). */
    static String exitCodes(Task task) {
        StringBuilder exits = new StringBuilder();
        for (Container container : task.containers()) {
            if (container.exitCode() != null) {
                exits.append(exits.length() == 0 ? " · exit code " : ", ").append(container.name()).append(" ").append(container.exitCode());
            }
        }
        return exits.toString();
    }
}
